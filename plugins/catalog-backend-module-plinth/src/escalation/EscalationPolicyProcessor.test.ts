import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogProcessorResult,
  LocationSpec,
  parseEntityYaml,
} from '@backstage/plugin-catalog-node';
import { EscalationPolicyProcessor } from './EscalationPolicyProcessor';
import { findUnknownEscalationRefs } from './findUnknownEscalationRefs';

const FIXTURES = path.resolve(__dirname, '__fixtures__');

async function loadFixture(file: string): Promise<Entity[]> {
  const target = path.join(FIXTURES, file);
  const location: LocationSpec = { type: 'file', target };
  const entities: Entity[] = [];
  for (const result of parseEntityYaml(await fs.readFile(target), location)) {
    if (result.type !== 'entity') {
      throw new Error(`${file} does not parse: ${JSON.stringify(result)}`);
    }
    entities.push(result.entity);
  }
  return entities;
}

const loadOne = async (file: string) => (await loadFixture(file))[0];

const location: LocationSpec = { type: 'file', target: 'fixture.yaml' };

/** Runs the processor's steps the way the catalog does, collecting what it emits. */
async function process(entity: Entity) {
  const processor = new EscalationPolicyProcessor();
  const emitted: CatalogProcessorResult[] = [];
  const recognized = await processor.validateEntityKind(entity);
  await processor.postProcessEntity(entity, location, result =>
    emitted.push(result),
  );
  const relations = emitted.flatMap(result =>
    result.type === 'relation'
      ? [
          `${result.relation.source.kind}:${result.relation.source.name} ${result.relation.type} ${result.relation.target.kind}:${result.relation.target.name}`,
        ]
      : [],
  );
  return { recognized, relations };
}

const withSpec = (entity: Entity, change: (spec: any) => void): Entity => {
  const copy = structuredClone(entity);
  change(copy.spec);
  return copy;
};

describe('EscalationPolicyProcessor', () => {
  let good: Entity;
  beforeAll(async () => {
    good = await loadOne('good-policy.yaml');
  });

  describe('a valid policy', () => {
    it('recognizes the kind and accepts it', async () => {
      await expect(process(good)).resolves.toMatchObject({ recognized: true });
    });

    it('links the policy to its owner group both ways', async () => {
      const { relations } = await process(good);
      expect(relations).toEqual(
        expect.arrayContaining([
          'EscalationPolicy:identity-oncall ownedBy Group:identity',
          'Group:identity ownerOf EscalationPolicy:identity-oncall',
        ]),
      );
    });

    it('links the policy to the policy it escalates to after its last tier', async () => {
      const { relations } = await process(good);
      expect(relations).toEqual(
        expect.arrayContaining([
          'EscalationPolicy:identity-oncall escalatesVia EscalationPolicy:platform-escalation',
          'EscalationPolicy:platform-escalation escalationFor EscalationPolicy:identity-oncall',
        ]),
      );
    });

    it('leaves other kinds to other processors', async () => {
      const [, component] = await loadFixture('good-policy.yaml');
      await expect(
        new EscalationPolicyProcessor().validateEntityKind(component),
      ).resolves.toBe(false);
    });
  });

  describe('a component that names its policy', () => {
    it('escalates via that policy, and the policy escalates for it', async () => {
      const [, component] = await loadFixture('good-policy.yaml');
      const { relations } = await process(component);
      expect(relations).toEqual([
        'Component:identity-gateway escalatesVia EscalationPolicy:identity-oncall',
        'EscalationPolicy:identity-oncall escalationFor Component:identity-gateway',
      ]);
    });

    it('emits nothing for a component that inherits its owner group policy', async () => {
      const [, component] = await loadFixture('good-policy.yaml');
      delete component.metadata.annotations!['plinth.dev/escalation-policy'];
      await expect(process(component)).resolves.toEqual({
        recognized: false,
        relations: [],
      });
    });

    it('rejects an unknown service tier and a policy ref of the wrong kind, both at once', async () => {
      await expect(process(await loadOne('bad-annotations.yaml'))).rejects
        .toThrow(`component:default/billing-service: metadata.annotations["plinth.dev/tier"] "gold" is not a service tier (use tier-1, tier-2, tier-3)
component:default/billing-service: metadata.annotations["plinth.dev/escalation-policy"] "group:default/billing" names a group, not an escalation policy`);
    });

    it('rejects a policy ref that does not parse', async () => {
      const [, component] = await loadFixture('good-policy.yaml');
      component.metadata.annotations!['plinth.dev/escalation-policy'] =
        'default/';
      await expect(process(component)).rejects.toThrow(
        'component:default/identity-gateway: metadata.annotations["plinth.dev/escalation-policy"] "default/" is not an entity ref (expected [escalationpolicy:][namespace/]name)',
      );
    });
  });

  describe('bad policies, each with one precise message', () => {
    it.each([
      [
        'missing-tiers.yaml',
        'escalationpolicy:default/billing-oncall: spec.tiers is missing (a policy needs at least one tier)',
      ],
      [
        'duplicate-levels.yaml',
        'escalationpolicy:default/billing-oncall: spec.tiers[1].level 1 is already used by spec.tiers[0] (levels must be unique)',
      ],
      [
        'contact-without-channel.yaml',
        'escalationpolicy:default/identity-oncall: spec.tiers[1].contacts[0] has no channel (set one of pager, chat, email, phone, url)',
      ],
      [
        'owner-not-a-group.yaml',
        'escalationpolicy:default/growth-oncall: spec.owner "user:default/jane.doe" names a user, not a group',
      ],
      [
        'malformed-time-zone.yaml',
        'escalationpolicy:default/growth-oncall: spec.tiers[0].hours.timeZone "Europe/Frankfurt" is not an IANA time zone (e.g. "Europe/Berlin")',
      ],
      [
        'self-reference.yaml',
        'escalationpolicy:default/platform-escalation: metadata.annotations["plinth.dev/escalation-policy"] points at this policy itself (name the policy to escalate to after the last tier, or remove the annotation)',
      ],
    ])('%s', async (file, message) => {
      const entity = await loadOne(file);
      const processor = new EscalationPolicyProcessor();
      const error = await processor.validateEntityKind(entity).then(
        () => undefined,
        e => e,
      );
      expect(error?.name).toBe('InputError');
      expect(error?.message).toBe(message);
    });
  });

  describe('rules the fixtures above do not reach', () => {
    const problemOf = async (entity: Entity) =>
      new EscalationPolicyProcessor().validateEntityKind(entity).then(
        () => undefined,
        e => e.message,
      );

    it('rejects an empty tier list', async () => {
      await expect(
        problemOf(withSpec(good, spec => (spec.tiers = []))),
      ).resolves.toBe(
        'escalationpolicy:default/identity-oncall: spec.tiers is empty (a policy needs at least one tier)',
      );
    });

    it('rejects a tier without contacts', async () => {
      await expect(
        problemOf(withSpec(good, spec => (spec.tiers[0].contacts = []))),
      ).resolves.toBe(
        'escalationpolicy:default/identity-oncall: spec.tiers[0].contacts is empty (a tier needs at least one contact)',
      );
    });

    it('rejects tiers listed out of calling order', async () => {
      await expect(
        problemOf(withSpec(good, spec => spec.tiers.reverse())),
      ).resolves.toBe(
        [
          'escalationpolicy:default/identity-oncall: spec.tiers[1].level 2 comes after level 3 (list tiers in calling order, lowest level first)',
          'escalationpolicy:default/identity-oncall: spec.tiers[2].level 1 comes after level 2 (list tiers in calling order, lowest level first)',
        ].join('\n'),
      );
    });

    it('rejects a time of day that is not HH:MM', async () => {
      await expect(
        problemOf(withSpec(good, spec => (spec.tiers[2].hours.start = '8am'))),
      ).resolves.toBe(
        'escalationpolicy:default/identity-oncall: spec.tiers[2].hours.start "8am" is not a time of day as HH:MM (00:00 to 23:59)',
      );
    });

    it('rejects business hours that end before they start', async () => {
      await expect(
        problemOf(withSpec(good, spec => (spec.tiers[2].hours.end = '07:30'))),
      ).resolves.toBe(
        'escalationpolicy:default/identity-oncall: spec.tiers[2].hours end 07:30 is not after start 08:00',
      );
    });

    it('rejects business hours without a time zone', async () => {
      await expect(
        problemOf(withSpec(good, spec => delete spec.tiers[2].hours.timeZone)),
      ).resolves.toBe(
        'escalationpolicy:default/identity-oncall: spec.tiers[2].hours.timeZone is missing (business-hours needs an IANA time zone, e.g. "Europe/Berlin")',
      );
    });

    it('rejects a response target that is not a positive whole number', async () => {
      await expect(
        problemOf(
          withSpec(good, spec => {
            spec.tiers[0].responseMinutes['tier-1'] = 0;
            spec.tiers[1].responseMinutes['tier-2'] = 7.5;
          }),
        ),
      ).resolves.toBe(
        [
          'escalationpolicy:default/identity-oncall: spec.tiers[0].responseMinutes.tier-1 must be a whole number of minutes above 0, got 0',
          'escalationpolicy:default/identity-oncall: spec.tiers[1].responseMinutes.tier-2 must be a whole number of minutes above 0, got 7.5',
        ].join('\n'),
      );
    });

    it('rejects a response target for a service tier that does not exist', async () => {
      await expect(
        problemOf(
          withSpec(good, spec => (spec.tiers[0].responseMinutes.gold = 5)),
        ),
      ).resolves.toBe(
        'escalationpolicy:default/identity-oncall: spec.tiers[0].responseMinutes has an unknown field "gold"',
      );
    });

    it('rejects contact channels in the wrong format', async () => {
      await expect(
        problemOf(
          withSpec(good, spec => {
            spec.tiers[1].contacts[0].phone = '030 123456';
            spec.tiers[1].contacts[0].email = 'jane.doe';
          }),
        ),
      ).resolves.toBe(
        [
          'escalationpolicy:default/identity-oncall: spec.tiers[1].contacts[0].email "jane.doe" is not an email address',
          'escalationpolicy:default/identity-oncall: spec.tiers[1].contacts[0].phone "030 123456" is not an E.164 phone number (e.g. +4930123456)',
        ].join('\n'),
      );
    });

    it('rejects an unknown hours type with the allowed values', async () => {
      await expect(
        problemOf(
          withSpec(good, spec => (spec.tiers[0].hours = { type: 'always' })),
        ),
      ).resolves.toBe(
        'escalationpolicy:default/identity-oncall: spec.tiers[0].hours.type must be one of "24x7", "business-hours", got "always"',
      );
    });

    it('rejects the wrong apiVersion for the kind', async () => {
      const entity = { ...good, apiVersion: 'plinth.dev/v1' };
      await expect(problemOf(entity)).resolves.toBe(
        'escalationpolicy:default/identity-oncall: apiVersion must be one of "plinth.dev/v1alpha1", got "plinth.dev/v1"',
      );
    });
  });

  describe('references to entities the processor cannot see', () => {
    it('accepts a policy whose group is unknown, and still links it', async () => {
      const entity = await loadOne('unknown-group.yaml');
      await expect(process(entity)).resolves.toEqual({
        recognized: true,
        relations: [
          'EscalationPolicy:payments-oncall ownedBy Group:payments',
          'Group:payments ownerOf EscalationPolicy:payments-oncall',
        ],
      });
    });

    it('names the unknown group when the whole set is at hand', async () => {
      const entities = [
        ...(await loadFixture('good-policy.yaml')),
        ...(await loadFixture('unknown-group.yaml')),
      ];
      expect(findUnknownEscalationRefs(entities)).toEqual([
        'escalationpolicy:default/identity-oncall: spec.owner group:default/identity is not a group in the catalog',
        'escalationpolicy:default/identity-oncall: metadata.annotations["plinth.dev/escalation-policy"] escalationpolicy:default/platform-escalation is not an escalation policy in the catalog',
        'escalationpolicy:default/payments-oncall: spec.owner group:default/payments is not a group in the catalog',
      ]);
    });
  });
});

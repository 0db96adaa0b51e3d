import path from 'node:path';
import { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { eventually } from '@plinth/testing';
import { processingErrorRecorder } from './__testUtils__/processingErrorRecorder';
import catalogModulePlinth from '.';

// The real catalog with good and bad escalation policies side by side: the bad
// ones must be reported per entity and must not hold back the good ones.
const fixtures = path.resolve(__dirname, 'escalation/__fixtures__');
const location = (file: string) => ({
  type: 'file',
  target: path.join(fixtures, file),
});

jest.setTimeout(60_000);

describe('catalog with the plinth module', () => {
  let baseUrl: string;
  let stop: () => Promise<void>;

  const { module: recordErrors, errors: processingErrors } =
    processingErrorRecorder();

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModulePlinth,
        recordErrors,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [
                {
                  allow: ['Component', 'Group', 'Location', 'EscalationPolicy'],
                },
              ],
              locations: [
                location('catalog/org.yaml'),
                location('good-policy.yaml'),
                location('duplicate-levels.yaml'),
                location('malformed-time-zone.yaml'),
                location('bad-annotations.yaml'),
              ],
            },
          },
        }),
      ],
    });
    baseUrl = `http://localhost:${
      (backend.server.address() as AddressInfo).port
    }`;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
  });

  const entity = async (ref: string): Promise<Entity | undefined> => {
    const [kind, rest] = ref.split(':');
    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-name/${kind}/${rest}`,
      { headers: { Authorization: mockCredentials.user.header() } },
    );
    return res.status === 200 ? ((await res.json()) as Entity) : undefined;
  };

  const relationsOf = async (ref: string) =>
    ((await entity(ref))?.relations ?? []).map(r => `${r.type} ${r.targetRef}`);

  /**
   * Waits until `ref` carries every one of `expected` and returns all its relations. Each
   * relation arrives with the processing of the entity that emits it, so the first
   * relation on an entity says nothing about the others.
   */
  const relationsIncluding = (ref: string, expected: string[]) =>
    eventually(
      `${ref} to have ${expected.join(', ')}`,
      () => relationsOf(ref),
      {
        until: relations => expected.every(r => relations.includes(r)),
      },
    );

  // The catalog prefixes what a processor throws with the processor and the step.
  const causedBy = (message: string) =>
    expect.stringMatching(
      new RegExp(
        `^Processor EscalationPolicyProcessor threw an error .*; caused by InputError: ${message.replace(
          /[.*+?^${}()|[\]\\]/g,
          '\\$&',
        )}$`,
        's',
      ),
    );

  /** The distinct messages reported for `ref` (a later reprocessing repeats them). */
  const errorsFor = (ref: string) =>
    eventually(
      `processing errors for ${ref}`,
      () => [
        ...new Set(
          processingErrors.filter(e => e.entityRef === ref).map(e => e.message),
        ),
      ],
      { until: messages => messages.length > 0 },
    );

  it('serves the good policy with its owner and the entities it covers', async () => {
    const expected = [
      'ownedBy group:default/identity',
      'escalatesVia escalationpolicy:default/platform-escalation',
      'escalationFor component:default/identity-gateway',
    ];
    expect(
      await relationsIncluding(
        'escalationpolicy:default/identity-oncall',
        expected,
      ),
    ).toEqual(expect.arrayContaining(expected));
  });

  it('shows the policy on the component that names it', async () => {
    const expected = [
      'escalatesVia escalationpolicy:default/identity-oncall',
      'ownedBy group:default/identity',
    ];
    expect(
      await relationsIncluding('component:default/identity-gateway', expected),
    ).toEqual(expect.arrayContaining(expected));
  });

  it('shows the policies a group owns on the group', async () => {
    const expected = [
      'ownerOf escalationpolicy:default/identity-oncall',
      'ownerOf component:default/identity-gateway',
    ];
    expect(
      await relationsIncluding('group:default/identity', expected),
    ).toEqual(expect.arrayContaining(expected));
  });

  it('reports the policy with duplicate levels against that policy only', async () => {
    expect(await errorsFor('escalationpolicy:default/billing-oncall')).toEqual([
      causedBy(
        'escalationpolicy:default/billing-oncall: spec.tiers[1].level 1 is already used by spec.tiers[0] (levels must be unique)',
      ),
    ]);
    expect(
      await entity('escalationpolicy:default/billing-oncall'),
    ).toBeUndefined();
  });

  it('reports the policy with a malformed time zone', async () => {
    expect(await errorsFor('escalationpolicy:default/growth-oncall')).toEqual([
      causedBy(
        'escalationpolicy:default/growth-oncall: spec.tiers[0].hours.timeZone "Europe/Frankfurt" is not an IANA time zone (e.g. "Europe/Berlin")',
      ),
    ]);
  });

  it('reports bad escalation annotations against the component that has them', async () => {
    expect(await errorsFor('component:default/billing-service')).toEqual([
      causedBy(
        [
          'component:default/billing-service: metadata.annotations["plinth.dev/tier"] "gold" is not a service tier (use tier-1, tier-2, tier-3)',
          'component:default/billing-service: metadata.annotations["plinth.dev/escalation-policy"] "group:default/billing" names a group, not an escalation policy',
        ].join('\n'),
      ),
    ]);
  });

  it('never reports the good entities', async () => {
    const good = [
      'escalationpolicy:default/identity-oncall',
      'escalationpolicy:default/platform-escalation',
      'component:default/identity-gateway',
      'component:default/user-service',
    ];
    // Absence of errors means something only once each good entity has been processed.
    await eventually(
      'every good entity in the catalog',
      async () => Promise.all(good.map(entity)),
      { until: found => found.every(e => e !== undefined) },
    );
    expect(processingErrors.filter(e => good.includes(e.entityRef))).toEqual(
      [],
    );
  });

  it('gives an entity that inherits its policy no escalatesVia relation', async () => {
    // ownedBy and escalatesVia come from the same processing pass of the component.
    const relations = await relationsIncluding(
      'component:default/user-service',
      ['ownedBy group:default/identity'],
    );
    expect(relations.filter(r => r.startsWith('escalatesVia'))).toEqual([]);
  });
});

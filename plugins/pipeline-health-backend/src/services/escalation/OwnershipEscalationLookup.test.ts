import { mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import type {
  EntityEscalation,
  EscalationTier,
  GroupOwnership,
  OwnershipMatrixRow,
} from '@plinth/plugin-ownership-common';
import { OwnershipEscalationLookup } from './OwnershipEscalationLookup';
import type { EscalationSource } from './types';

const tier = (level: number, name: string): EscalationTier => ({
  level,
  name,
  contacts: [{ name: `${name} contact`, chat: `#${level}` }],
  hours: { type: '24x7' },
  responseMinutes: {},
});

const row = (
  entityRef: string,
  policyRef: string | undefined,
  tiers: EscalationTier[],
): OwnershipMatrixRow => ({
  entityRef,
  kind: 'Component',
  name: entityRef.split('/')[1],
  ownerRef: 'group:default/data-platform',
  policyRef,
  policySource: policyRef ? 'annotation' : 'none',
  tiers,
  findings: [],
});

async function notFound(): Promise<never> {
  throw await ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'no such entity' },
      }),
      {
        status: 404,
        statusText: 'Not Found',
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}

/** A typed fake of the ownership backend's two reads, counting calls. */
class FakeOwnership implements EscalationSource {
  entities = new Map<string, EntityEscalation>();
  groups = new Map<string, GroupOwnership>();
  calls = 0;
  down = false;

  async getEntityEscalation(ref: unknown): Promise<EntityEscalation> {
    this.calls++;
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:7007');
    return this.entities.get(String(ref)) ?? notFound();
  }

  async getGroupOwnership(ref: unknown): Promise<GroupOwnership> {
    this.calls++;
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:7007');
    return this.groups.get(String(ref)) ?? notFound();
  }
}

const PIPELINE = {
  id: 'event-ingestion',
  owner: 'group:default/data-platform',
  entityRef: 'component:default/event-pipeline',
};

describe('OwnershipEscalationLookup', () => {
  let ownership: FakeOwnership;
  let logger: ReturnType<typeof mockServices.logger.mock>;
  let now: number;
  let lookup: OwnershipEscalationLookup;

  beforeEach(() => {
    ownership = new FakeOwnership();
    logger = mockServices.logger.mock();
    now = 0;
    lookup = new OwnershipEscalationLookup({
      source: ownership,
      logger,
      clock: () => now,
    });
  });

  const groupWithPolicy = () =>
    ownership.groups.set('group:default/data-platform', {
      groupRef: 'group:default/data-platform',
      policyRefs: [
        'escalationpolicy:default/data-platform',
        'escalationpolicy:default/data-platform-weekend',
      ],
      owned: [
        row(
          'component:default/other',
          'escalationpolicy:default/data-platform-weekend',
          [tier(1, 'Weekend on-call')],
        ),
        row(
          'component:default/loader',
          'escalationpolicy:default/data-platform',
          [tier(1, 'On-call engineer'), tier(2, 'Team lead')],
        ),
      ],
      findings: [],
    });

  it("uses the first tier of the pipeline entity's policy", async () => {
    ownership.entities.set(PIPELINE.entityRef, {
      row: row(PIPELINE.entityRef, 'escalationpolicy:default/ingest', [
        tier(1, 'Ingest on-call'),
        tier(2, 'Ingest lead'),
      ]),
      findings: [],
    });
    await expect(lookup.firstTier(PIPELINE)).resolves.toEqual({
      policyRef: 'escalationpolicy:default/ingest',
      tier: tier(1, 'Ingest on-call'),
    });
  });

  it("falls back to the owner group's first policy when the entity has none", async () => {
    ownership.entities.set(PIPELINE.entityRef, {
      row: row(PIPELINE.entityRef, undefined, []),
      findings: [],
    });
    groupWithPolicy();
    await expect(lookup.firstTier(PIPELINE)).resolves.toEqual({
      policyRef: 'escalationpolicy:default/data-platform',
      tier: tier(1, 'On-call engineer'),
    });
  });

  it("uses the owner group's first policy for a pipeline without an entity", async () => {
    groupWithPolicy();
    await expect(
      lookup.firstTier({ ...PIPELINE, entityRef: undefined }),
    ).resolves.toMatchObject({
      policyRef: 'escalationpolicy:default/data-platform',
    });
  });

  it('gives undefined when the group has no policy', async () => {
    ownership.groups.set('group:default/data-platform', {
      groupRef: 'group:default/data-platform',
      policyRefs: [],
      owned: [],
      findings: [],
    });
    await expect(
      lookup.firstTier({ ...PIPELINE, entityRef: undefined }),
    ).resolves.toBeUndefined();
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('gives undefined for a user owner without an entity policy', async () => {
    await expect(
      lookup.firstTier({
        ...PIPELINE,
        owner: 'user:default/jane',
        entityRef: undefined,
      }),
    ).resolves.toBeUndefined();
    expect(ownership.calls).toBe(0);
  });

  it('caches answers for a minute', async () => {
    groupWithPolicy();
    const pipeline = { ...PIPELINE, entityRef: undefined };
    await lookup.firstTier(pipeline);
    now = 59_999;
    await lookup.firstTier(pipeline);
    expect(ownership.calls).toBe(1);
    now = 60_000;
    await lookup.firstTier(pipeline);
    expect(ownership.calls).toBe(2);
  });

  it('gives undefined and warns once while the ownership backend is down, never throwing', async () => {
    ownership.down = true;
    await expect(lookup.firstTier(PIPELINE)).resolves.toBeUndefined();
    now += 60_000;
    await expect(lookup.firstTier(PIPELINE)).resolves.toBeUndefined();
    expect(ownership.calls).toBe(2);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('escalation policy'),
      expect.objectContaining({
        pipelineId: 'event-ingestion',
        error: expect.stringContaining('ECONNREFUSED'),
      }),
    );

    ownership.down = false;
    groupWithPolicy();
    ownership.entities.set(PIPELINE.entityRef, {
      row: row(PIPELINE.entityRef, undefined, []),
      findings: [],
    });
    now += 60_000;
    await expect(lookup.firstTier(PIPELINE)).resolves.toBeDefined();
  });

  it('gives undefined with a warning when the ownership backend does not know the entity', async () => {
    await expect(lookup.firstTier(PIPELINE)).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.any(String),
      expect.objectContaining({ error: expect.stringContaining('404') }),
    );
  });
});

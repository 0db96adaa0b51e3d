import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CachedSpecAnalyzer, runAnalysisJob } from '../analysis';
import type { ApiCatalog, ApiEntity, ConsumerEntity } from '../catalog';
import type { EntityOwnership, OwnershipDirectory } from '../ownership';
import { NOW, apiEntity } from './__testUtils__/lines';
import { ApiGovernanceService } from './ApiGovernanceService';

const EXAMPLES = resolve(__dirname, '../../../../../examples/apis/openapi');
const example = (name: string) => readFileSync(resolve(EXAMPLES, name), 'utf8');

/** An in-memory ApiCatalog; `hidden` refs are what the caller may not read. */
function catalogOf(
  apis: ApiEntity[],
  consumers: ConsumerEntity[],
  hidden: string[] = [],
): ApiCatalog {
  return {
    listFamilyApis: async () => apis.filter(a => a.family),
    getApi: async ref => apis.find(a => a.entityRef === ref),
    getConsumers: async refs =>
      consumers.filter(
        c => refs.includes(c.entityRef) && !hidden.includes(c.entityRef),
      ),
  };
}

function service(
  catalog: ApiCatalog,
  ownership: (ref: string) => EntityOwnership,
) {
  const directory: OwnershipDirectory = {
    ownershipOf: async ref => ownership(ref),
  };
  return new ApiGovernanceService({
    catalog,
    ownership: directory,
    // The real analysis, in this thread: the worker is tested on its own.
    analyzer: new CachedSpecAnalyzer({
      runner: { run: runAnalysisJob },
      limits: {},
      maxEntries: 50,
    }),
    logger: mockServices.logger.mock(),
    minDeprecationDays: 180,
    clock: () => NOW,
  });
}

const credentials: BackstageCredentials = mockCredentials.user();

const v1 = apiEntity('user-provisioning-v1', {
  family: 'user-provisioning',
  lifecycle: 'deprecated',
  deprecatedAt: '2026-06-01',
  sunsetAt: '2026-11-01',
  definition: example('user-provisioning-v1.yaml'),
  consumerRefs: ['component:default/signup', 'component:default/secret'],
});
const v2 = apiEntity('user-provisioning-v2', {
  family: 'user-provisioning',
  definition: example('user-provisioning-v2.yaml'),
  consumerRefs: ['component:default/billing'],
});
const consumers: ConsumerEntity[] = [
  {
    entityRef: 'component:default/signup',
    kind: 'Component',
    owner: 'group:default/growth',
  },
  {
    entityRef: 'component:default/secret',
    kind: 'Component',
    owner: 'group:default/x',
  },
  {
    entityRef: 'component:default/billing',
    kind: 'Component',
    owner: 'group:default/billing',
  },
];

describe('ApiGovernanceService', () => {
  it('reports a line past its sunset that is still consumed, only for consumers the caller may read', async () => {
    const timeline = await service(
      catalogOf([v1, v2], consumers, ['component:default/secret']),
      () => ({
        state: 'known',
        ownerUnknown: false,
        policyRef: 'escalationpolicy:default/p',
      }),
    ).getFamily('user-provisioning', credentials);
    const [line1] = timeline.lines;
    expect(line1.consumers.map(c => [c.entityRef, c.impact])).toEqual([
      ['component:default/signup', 'past-sunset'],
    ]);
    expect(line1.violations.map(v => [v.ruleId, v.entityRef])).toEqual([
      ['sunset-passed-still-consumed', 'component:default/signup'],
      // 2026-06-01 -> 2026-11-01 is 153 days.
      ['deprecation-window-too-short', 'api:default/user-provisioning-v1'],
    ]);
    expect(timeline.counts).toMatchObject({ violations: 2, consumers: 2 });
  });

  it('shows consumers without who to call, and no escalation violations, when the ownership backend is down', async () => {
    const timeline = await service(catalogOf([v1, v2], consumers), () => ({
      state: 'unavailable',
    })).getFamily('user-provisioning', credentials);
    expect(timeline.ownership).toBe('unavailable');
    expect(timeline.lines[1].consumers).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/billing',
        owner: 'group:default/billing',
        escalation: { state: 'unavailable' },
      }),
    ]);
    expect(
      timeline.lines.flatMap(l => l.violations).map(v => v.ruleId),
    ).not.toContain('production-without-escalation-policy');
  });

  it('lists a family without asking who to call about each consumer', async () => {
    const asked: string[] = [];
    const list = await service(catalogOf([v1, v2], consumers), ref => {
      asked.push(ref);
      return { state: 'known', ownerUnknown: false, policyRef: 'p' };
    }).listFamilies(credentials);
    expect(list.items[0]).toMatchObject({
      name: 'user-provisioning',
      // No line has a title: the family is named by its annotation.
      title: 'user-provisioning',
      counts: { consumers: 3 },
    });
    // Only the production line, for the escalation-policy rule.
    expect(asked).toEqual(['api:default/user-provisioning-v2']);
  });
});

import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isResourcePermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { AddressInfo } from 'node:net';
import {
  COVERAGE_FINDING_SEVERITY,
  OwnershipClient,
  OWNERSHIP_MATRIX_ALL_ROWS_REF,
  OWNERSHIP_MATRIX_ROW_RESOURCE_TYPE,
  ownershipMatrixExportPermission,
  ownershipMatrixRowConditions,
  type CoverageSummary,
  type MatrixPage,
} from '@plinth/plugin-ownership-common';
import request from 'supertest';
import { fixtureEntities } from './__fixtures__/fixtureCatalog';
import {
  expectProblem as expectProblemOf,
  specRoutes,
  testAuthFactories,
} from '@plinth/testing';
import { ownershipPlugin } from './plugin';
import { spec } from './schema/openapi/generated/router';

type Server = Awaited<ReturnType<typeof startTestBackend>>['server'];

/** The users of these tests and their ownership claims (what sign-in would put in a token). */
const OWNERSHIP_REFS: Record<string, string[]> = {
  'user:default/exporter': ['group:default/platform'],
  'user:default/alice': ['group:default/team-a'],
  'user:default/loner': [],
  'user:default/blocked': [],
  'user:default/contractor': ['group:default/team-a'],
};

/** Users the test policy denies everything, and users it denies only the export. */
const BLOCKED = new Set(['user:default/blocked']);
const NO_EXPORT = new Set(['user:default/contractor']);

/**
 * A policy with the shapes the Plinth policy answers: ALLOW for the exporter group,
 * CONDITIONAL (IS_ROW_OWNER on the caller's ownership refs) for other users, DENY for
 * blocked users. The real permission backend serves it, and the ownership backend applies
 * its conditions, so nothing here decides for the code under test.
 */
class TestPolicy implements PermissionPolicy {
  async handle(
    query: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const userRef = user?.info.userEntityRef;
    if (!userRef || BLOCKED.has(userRef)) {
      return { result: AuthorizeResult.DENY };
    }
    if (query.permission.name !== ownershipMatrixExportPermission.name) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (NO_EXPORT.has(userRef)) {
      return { result: AuthorizeResult.DENY };
    }
    const claims = user.info.ownershipEntityRefs;
    if (claims.includes('group:default/platform')) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!isResourcePermission(query.permission)) {
      return { result: AuthorizeResult.DENY };
    }
    return {
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'ownership',
      resourceType: OWNERSHIP_MATRIX_ROW_RESOURCE_TYPE,
      conditions: ownershipMatrixRowConditions.isRowOwner({ claims }),
    };
  }
}

const testPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'ownership-test-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new TestPolicy());
      },
    });
  },
});

/** User info as the auth backend would give it: the user plus their groups. */
const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const userEntityRef = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef,
        ownershipEntityRefs: [
          userEntityRef,
          ...(OWNERSHIP_REFS[userEntityRef] ?? []),
        ],
      };
    },
  }),
});

async function startBackend(): Promise<Server> {
  const { server } = await startTestBackend({
    features: [
      ownershipPlugin,
      permissionPlugin,
      testPolicyModule,
      userInfoFactory,
      catalogServiceMock.factory({ entities: fixtureEntities }),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          ownership: { maxTier1ServicesPerGroup: 2 },
        },
      }),
      ...testAuthFactories({
        restrictedTokens: {
          'external:automation': { permissionNames: ['ownership.matrix.read'] },
        },
      }),
    ],
  });
  return server;
}

const as = (userRef: string) => ({
  Authorization: mockCredentials.user.header(userRef),
});

/** An exporter: every route, every row. */
const auth = as('user:default/exporter');

/** The static automation token, granted only the read permission in config. */
const automationToken = {
  Authorization: mockCredentials.service.header({
    onBehalfOf: mockCredentials.service('external:automation'),
    targetPluginId: 'ownership',
  }),
};

/**
 * Checks that an error answer is the spec's Problem (RFC 9457 problem+json with the
 * Backstage members) and returns its detail.
 */
function expectProblem(res: request.Response, status: number): string {
  return expectProblemOf(res, status, { spec, pluginId: 'ownership' }).detail;
}

describe('ownership backend', () => {
  let server: Server;

  beforeAll(async () => {
    server = await startBackend();
  });

  describe('GET /v1/health', () => {
    it('answers without credentials', async () => {
      const res = await request(server).get('/api/ownership/v1/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    });
  });

  describe('credentials', () => {
    // Every route of the spec, so a route added later is checked without editing this list.
    it.each(specRoutes(spec).filter(route => route.path !== '/v1/health'))(
      'rejects $method $path without credentials with a 401 problem',
      async ({ method, path }) => {
        const res = await request(server)[method as 'get'](
          `/api/ownership${path}`,
        );
        expect(expectProblem(res, 401)).toBe('Missing credentials');
      },
    );

    it('rejects a forged token with a 401 problem', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/matrix')
        .set('Authorization', 'Bearer not-a-token');
      // The test backend's auth service names the token it could not verify.
      expect(expectProblem(res, 401)).toMatch(/not-a-token/);
    });

    it('checks credentials before the parameters', async () => {
      const res = await request(server).get('/api/ownership/v1/matrix?limit=0');
      expect(expectProblem(res, 401)).toBe('Missing credentials');
    });

    it("still guards the unversioned spec route with Backstage's barrier", async () => {
      expect(
        (await request(server).get('/api/ownership/openapi.json')).status,
      ).toBe(401);
      const res = await request(server)
        .get('/api/ownership/openapi.json')
        .set(auth)
        .expect(200);
      expect(Object.keys(res.body.paths)).toContain('/api/ownership/v1/matrix');
    });

    it('accepts service credentials', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/coverage')
        .set('Authorization', mockCredentials.service.header());
      expect(res.status).toBe(200);
    });
  });

  describe('GET /matrix', () => {
    it('returns the first page sorted by entity ref', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/matrix')
        .set(auth)
        .expect(200);
      const page: MatrixPage = res.body;
      expect(page.totalItems).toBe(10);
      expect(page.offset).toBe(0);
      expect(page.limit).toBe(50);
      expect(page.generatedAt).toEqual(expect.any(String));
      expect(page.items.map(r => r.entityRef)).toEqual([
        'api:default/formula-api',
        'component:default/checkout',
        'component:default/drifting',
        'component:default/ghost-owned',
        'component:default/ledger',
        'component:default/orphan',
        'component:default/over-1',
        'component:default/over-2',
        'component:default/over-3',
        'resource:default/orders-db',
      ]);
    });

    it('resolves owner, system, domain and the policy the group names itself', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/matrix?q=checkout')
        .set(auth)
        .expect(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/checkout',
          kind: 'Component',
          title: 'Checkout',
          ownerRef: 'group:default/team-a',
          ownerTitle: 'Team team-a',
          system: 'system:default/payments',
          domain: 'domain:default/commerce',
          tier: 'tier-1',
          policyRef: 'escalationpolicy:default/policy-a',
          policySource: 'owner-group',
          firstResponseMinutes: 5,
          findings: [],
        }),
      ]);
      expect(
        res.body.items[0].tiers.map((t: { name: string }) => t.name),
      ).toEqual(['On-call engineer', 'Team lead']);
    });

    it('takes the policy from the annotation before the owner group', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/matrix?q=drifting')
        .set(auth)
        .expect(200);
      expect(res.body.items[0]).toMatchObject({
        ownerRef: 'group:default/team-b',
        policyRef: 'escalationpolicy:default/policy-a',
        policySource: 'annotation',
        findings: ['policy-owner-drift'],
      });
    });

    it('filters by owner, tier and kind together', async () => {
      const res = await request(server)
        .get(
          '/api/ownership/v1/matrix?owner=team-a&owner=team-b&tier=tier-1&kind=Component',
        )
        .set(auth)
        .expect(200);
      expect(res.body.items.map((r: { name: string }) => r.name)).toEqual([
        'checkout',
        'ledger',
      ]);
    });

    it('filters by system, domain and lifecycle', async () => {
      const bySystem = await request(server)
        .get(
          '/api/ownership/v1/matrix?system=payments&domain=domain:default/commerce',
        )
        .set(auth)
        .expect(200);
      expect(bySystem.body.items.map((r: { name: string }) => r.name)).toEqual([
        'checkout',
      ]);

      const byLifecycle = await request(server)
        .get('/api/ownership/v1/matrix?lifecycle=experimental')
        .set(auth)
        .expect(200);
      expect(
        byLifecycle.body.items.map((r: { name: string }) => r.name),
      ).toEqual(['formula-api']);
    });

    it('filters by finding', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/matrix?finding=tier-without-contact')
        .set(auth)
        .expect(200);
      expect(res.body.items.map((r: { name: string }) => r.name)).toEqual([
        'ledger',
      ]);
    });

    it('searches owner titles and policies as free text', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/matrix')
        .query({ q: 'team team-over' })
        .set(auth)
        .expect(200);
      expect(res.body.totalItems).toBe(3);
    });

    it('pages with offset and limit', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/matrix?offset=8&limit=5')
        .set(auth)
        .expect(200);
      expect(res.body).toMatchObject({ totalItems: 10, offset: 8, limit: 5 });
      expect(res.body.items.map((r: { name: string }) => r.name)).toEqual([
        'over-3',
        'orders-db',
      ]);
    });

    it.each([
      // Checked by the OpenAPI validator from the spec:
      ['limit=501', 'request/query/limit must be <= 500'],
      ['limit=0', 'request/query/limit must be >= 1'],
      ['limit=1&limit=2', 'request/query/limit must be integer'],
      ['offset=-1', 'request/query/offset must be >= 0'],
      [
        'tier=tier-9',
        'request/query/tier/0 must be equal to one of the allowed values: tier-1, tier-2, tier-3',
      ],
      [
        'kind=Group',
        'request/query/kind/0 must be equal to one of the allowed values: Component, API, Resource',
      ],
      // Enum values are exact since the spec-first router (they were case-insensitive).
      ['kind=component', 'request/query/kind/0 must be equal to one of'],
      ['finding=nope', 'request/query/finding/0 must be equal to one of'],
      ['lifecycle=%20', 'request/query/lifecycle/0 must match pattern'],
      [`q=${'x'.repeat(201)}`, 'request/query/q must NOT have more than 200'],
      ['sort=name', "Unknown query parameter 'sort'"],
      // Checked by hand (a schema cannot say what an entity ref is):
      [
        'owner=group:',
        "Invalid query parameter 'owner': 'group:' is not an entity ref",
      ],
    ])('rejects %s with 400', async (query, message) => {
      const res = await request(server)
        .get(`/api/ownership/v1/matrix?${query}`)
        .set(auth);
      expectProblem(res, 400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(message),
      });
    });
  });

  describe('GET /matrix.csv', () => {
    it('exports a header and one row per entity as an attachment', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/matrix.csv')
        .set(auth)
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="ownership-matrix.csv"',
      );
      const lines = res.text.trimEnd().split('\r\n');
      expect(lines).toHaveLength(11);
      expect(lines[0]).toBe(
        [
          'entity,kind,title,owner,tier,lifecycle,system,domain,policy,policy source',
          'tier 1 name,tier 1 contacts,tier 1 hours,tier 1 response minutes',
          'tier 2 name,tier 2 contacts,tier 2 hours,tier 2 response minutes',
          'findings',
        ].join(','),
      );
      expect(lines).toContain(
        [
          'component:default/checkout,Component,Checkout,group:default/team-a,tier-1,production',
          'system:default/payments,domain:default/commerce,escalationpolicy:default/policy-a,owner-group',
          'On-call engineer,"On-call (pagerduty:P1, #on-call)",24x7,5',
          'Team lead,Lead (lead@example.com),business hours 09:00-17:00 mon-fri Europe/Berlin,30',
          '',
        ].join(','),
      );
    });

    it('neutralises cells a spreadsheet would run as formulas', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/matrix.csv?kind=API')
        .set(auth)
        .expect(200);
      const row = res.text.trimEnd().split('\r\n')[1];
      expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    });

    it('applies the matrix filters', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/matrix.csv?owner=team-over')
        .set(auth)
        .expect(200);
      expect(res.text.trimEnd().split('\r\n')).toHaveLength(4);
    });
  });

  describe('GET /coverage', () => {
    it('reports one finding of each type on the fixture catalog', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/coverage')
        .set(auth)
        .expect(200);
      const summary: CoverageSummary = res.body;
      const counts: Record<string, number> = {};
      for (const finding of summary.findings) {
        counts[finding.type] = (counts[finding.type] ?? 0) + 1;
      }
      expect(counts).toEqual({
        'no-owner': 1,
        'unknown-owner': 1,
        'no-policy': 1,
        'tier-without-contact': 1,
        'policy-cycle': 2,
        'tier1-first-tier-not-24x7': 1,
        'tier1-response-too-slow': 1,
        'policy-owner-drift': 1,
        'group-overloaded': 1,
        'user-without-group': 1,
      });
    });

    it('gives each finding the severity ownership-common defines for its type', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/coverage')
        .set(auth)
        .expect(200);
      const summary: CoverageSummary = res.body;
      expect(
        summary.findings.filter(
          f => f.severity !== COVERAGE_FINDING_SEVERITY[f.type],
        ),
      ).toEqual([]);
      expect(new Set(summary.findings.map(f => f.severity))).toEqual(
        new Set(['error', 'warning']),
      );
    });

    it('reports both policies of an escalation loop against their team', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/coverage')
        .set(auth)
        .expect(200);
      const summary: CoverageSummary = res.body;
      expect(summary.findings.filter(f => f.type === 'policy-cycle')).toEqual([
        expect.objectContaining({
          entityRef: 'escalationpolicy:default/loop-1',
          groupRef: 'group:default/team-loop',
        }),
        expect.objectContaining({
          entityRef: 'escalationpolicy:default/loop-2',
          groupRef: 'group:default/team-loop',
        }),
      ]);
    });

    it('counts findings per group for the heatmap', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/coverage')
        .set(auth)
        .expect(200);
      expect(res.body.byGroup).toEqual([
        {
          groupRef: 'group:default/ghosts',
          counts: { 'unknown-owner': 1, 'no-policy': 1 },
        },
        {
          groupRef: 'group:default/team-b',
          counts: {
            'tier-without-contact': 1,
            'tier1-first-tier-not-24x7': 1,
            'tier1-response-too-slow': 1,
            'policy-owner-drift': 1,
          },
        },
        {
          groupRef: 'group:default/team-loop',
          counts: { 'policy-cycle': 2 },
        },
        {
          groupRef: 'group:default/team-over',
          counts: { 'group-overloaded': 1 },
        },
      ]);
    });
  });

  describe('GET /coverage paging', () => {
    it('pages the findings with pageSize and nextPageToken, counting over all of them', async () => {
      const all = await request(server)
        .get('/api/ownership/v1/coverage')
        .set(auth)
        .expect(200);
      expect(all.body.totalFindings).toBe(11);
      expect(all.body.nextPageToken).toBeUndefined();

      const seen: unknown[] = [];
      let pageToken: string | undefined;
      let pages = 0;
      do {
        const res = await request(server)
          .get('/api/ownership/v1/coverage')
          .query({ pageSize: 4, ...(pageToken && { pageToken }) })
          .set(auth)
          .expect(200);
        expect(res.body.totalFindings).toBe(11);
        expect(res.body.byGroup).toEqual(all.body.byGroup);
        seen.push(...res.body.findings);
        pageToken = res.body.nextPageToken;
        pages++;
      } while (pageToken);
      expect(pages).toBe(3);
      expect(seen).toEqual(all.body.findings);
    });

    it('answers a bad page size or token with a 400 problem naming the parameter', async () => {
      const get = (query: string) =>
        request(server).get(`/api/ownership/v1/coverage?${query}`).set(auth);
      expect(expectProblem(await get('pageSize=0'), 400)).toMatch(
        /pageSize must be >= 1/,
      );
      expect(expectProblem(await get('pageToken=bogus'), 400)).toBe(
        "Invalid query parameter 'pageToken': not a page token of this API; pass the nextPageToken of the previous page",
      );
    });
  });

  describe('GET /entities/:kind/:namespace/:name', () => {
    it('returns the row with its own and its policy findings', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/entities/Component/default/ledger')
        .set(auth)
        .expect(200);
      expect(res.body.row).toMatchObject({
        entityRef: 'component:default/ledger',
        policyRef: 'escalationpolicy:default/policy-b',
        firstResponseMinutes: 60,
      });
      expect(res.body.findings.map((f: { type: string }) => f.type)).toEqual([
        'tier-without-contact',
        'tier1-first-tier-not-24x7',
        'tier1-response-too-slow',
      ]);
    });

    it('answers 404 for an entity that is not in the matrix', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/entities/component/default/nope')
        .set(auth);
      expect(expectProblem(res, 404)).toBe(
        'No entity component:default/nope in the ownership matrix',
      );
      expect(res.body.title).toBe('Not Found');
      expect(res.body.error.name).toBe('NotFoundError');
    });
  });

  describe('GET /groups/:namespace/:name', () => {
    it('returns what the group owns, its policies and findings', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/groups/default/team-a')
        .set(auth)
        .expect(200);
      expect(res.body.groupRef).toBe('group:default/team-a');
      expect(res.body.policyRefs).toEqual([
        'escalationpolicy:default/aaa-team-a-legacy',
        'escalationpolicy:default/policy-a',
      ]);
      expect(res.body.owned.map((r: { name: string }) => r.name)).toEqual([
        'formula-api',
        'checkout',
        'orders-db',
      ]);
      expect(res.body.findings).toEqual([]);
    });

    it('answers 404 for an unknown group', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/groups/default/ghosts')
        .set(auth);
      expect(expectProblem(res, 404)).toBe(
        'No group group:default/ghosts in the catalog',
      );
    });
  });

  describe('permissions', () => {
    it('lets a user outside the exporter groups read the matrix', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/matrix')
        .set(as('user:default/alice'));
      expect(res.status).toBe(200);
    });

    it("exports the rows of the caller's own team to a non-exporter", async () => {
      const res = await request(server)
        .get('/api/ownership/v1/matrix.csv?owner=team-a')
        .set(as('user:default/alice'))
        .expect(200);
      const entities = res.text
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .map(line => line.split(',')[0]);
      expect(entities).toEqual([
        'api:default/formula-api',
        'component:default/checkout',
        'resource:default/orders-db',
      ]);
    });

    it('decides on the requested rows, not on the filter that chose them', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/matrix.csv?q=checkout')
        .set(as('user:default/alice'));
      expect(res.status).toBe(200);
      expect(res.text).toContain('component:default/checkout,');
    });

    it("refuses a non-exporter an export with other teams' rows, saying why and what to do", async () => {
      const res = await request(server)
        .get('/api/ownership/v1/matrix.csv')
        .set(as('user:default/alice'))
        .expect(403);
      expect(res.body.error).toEqual({
        name: 'NotAllowedError',
        message:
          'ownership.matrix.export: you may export only rows owned by your groups (group:default/team-a); 7 of the 10 requested rows belong to other owners. Filter by your team, or ask a member of an exporter group (plinth.permissions.exporters).',
      });
    });

    it('refuses a user in no group any row, and says they are in none', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/matrix.csv?owner=team-a')
        .set(as('user:default/loner'))
        .expect(403);
      expect(res.body.error.message).toBe(
        'ownership.matrix.export: you may export only rows owned by your groups, and you are in none; 3 of the 3 requested rows belong to other owners. Ask a member of an exporter group (plinth.permissions.exporters).',
      );
    });

    it('exports an empty selection to a non-exporter', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/matrix.csv?q=no-such-entity')
        .set(as('user:default/alice'))
        .expect(200);
      expect(res.text.trimEnd().split('\r\n')).toHaveLength(1);
    });

    it('refuses the export to a token granted only reading, naming the token', async () => {
      const read = await request(server)
        .get('/api/ownership/v1/matrix')
        .set(automationToken);
      expect(read.status).toBe(200);
      const csv = await request(server)
        .get('/api/ownership/v1/matrix.csv')
        .set(automationToken)
        .expect(403);
      expect(csv.body.error.message).toBe(
        'ownership.matrix.export: denied to service external:automation. Ask the platform team to grant it to this token in plinth.permissions.automation.',
      );
    });

    it('refuses the export to a user the policy denies it, naming the user', async () => {
      const res = await request(server)
        .get('/api/ownership/v1/matrix.csv?owner=team-a')
        .set(as('user:default/contractor'))
        .expect(403);
      expect(res.body.error.message).toBe(
        'ownership.matrix.export: denied to user:default/contractor. Ask a member of an exporter group (plinth.permissions.exporters) for the export.',
      );
    });

    it('answers 403 naming the permission and the user when reading is denied', async () => {
      for (const path of ['/matrix', '/matrix.csv', '/coverage']) {
        const res = await request(server)
          .get(`/api/ownership/v1${path}`)
          .set(as('user:default/blocked'));
        expectProblem(res, 403);
        expect(res.body.error.message).toBe(
          'ownership.matrix.read: denied to user:default/blocked.',
        );
      }
    });

    it("answers the permission backend's row checks for the frontend (all-rows ref and single rows)", async () => {
      // The browser asks the permission backend with a resourceRef; the backend asks this
      // plugin to apply the conditions to that row (apply-conditions).
      const ask = (user: string, resourceRef: string) =>
        request(server)
          .post('/api/permission/authorize')
          .set(as(user))
          .send({
            items: [
              {
                id: '1',
                permission: ownershipMatrixExportPermission,
                resourceRef,
              },
            ],
          })
          .expect(200)
          .then(res => res.body.items[0].result);

      await expect(
        ask('user:default/alice', OWNERSHIP_MATRIX_ALL_ROWS_REF),
      ).resolves.toBe(AuthorizeResult.DENY);
      await expect(
        ask('user:default/exporter', OWNERSHIP_MATRIX_ALL_ROWS_REF),
      ).resolves.toBe(AuthorizeResult.ALLOW);
      await expect(
        ask('user:default/alice', 'component:default/checkout'),
      ).resolves.toBe(AuthorizeResult.ALLOW);
      await expect(
        ask('user:default/alice', 'component:default/ledger'),
      ).resolves.toBe(AuthorizeResult.DENY);
    });
  });
  describe('the client generated from the same spec', () => {
    const clientFor = (userRef: string) => {
      const { port } = server.address() as AddressInfo;
      return new OwnershipClient({
        discoveryApi: {
          getBaseUrl: async () => `http://localhost:${port}/api/ownership`,
        },
        fetchApi: {
          fetch: (input, init) =>
            fetch(input, {
              ...init,
              headers: { ...init?.headers, ...as(userRef) },
            }),
        },
      });
    };

    it('reads every route through the generated router', async () => {
      const client = clientFor('user:default/alice');

      const page = await client.getMatrix({
        filters: {
          owner: ['group:default/team-a'],
          tier: ['tier-1'],
          q: ' checkout ',
        },
        limit: 10,
      });
      expect(page.items.map(r => r.entityRef)).toEqual([
        'component:default/checkout',
      ]);
      expect((await client.getCoverage()).findings.length).toBeGreaterThan(0);
      expect(
        (await client.getEntityEscalation('component:default/checkout')).row
          .ownerRef,
      ).toBe('group:default/team-a');
      expect((await client.getGroupOwnership('team-a')).groupRef).toBe(
        'group:default/team-a',
      );
    });

    it("exports a team's rows and carries the backend's 403 reason otherwise", async () => {
      const client = clientFor('user:default/alice');

      const csv = await client.exportMatrixCsv({
        owner: ['group:default/team-a'],
      });
      expect(csv.filename).toBe('ownership-matrix.csv');
      expect(csv.content.trimEnd().split('\r\n')).toHaveLength(4);

      const refused = await client.exportMatrixCsv().catch(e => e);
      expect(refused.statusCode).toBe(403);
      expect(refused.cause.message).toMatch(
        /^ownership\.matrix\.export: you may export only rows owned by your groups \(group:default\/team-a\)/,
      );
    });
  });
});

import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  COVERAGE_FINDING_SEVERITY,
  ownershipMatrixExportPermission,
  type CoverageSummary,
  type MatrixPage,
} from '@plinth/plugin-ownership-common';
import request from 'supertest';
import { fixtureEntities } from './__fixtures__/fixtureCatalog';
import { ownershipPlugin } from './plugin';

type Server = Awaited<ReturnType<typeof startTestBackend>>['server'];

async function startBackend(
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
): Promise<Server> {
  const { server } = await startTestBackend({
    features: [
      ownershipPlugin,
      catalogServiceMock.factory({ entities: fixtureEntities }),
      mockServices.rootConfig.factory({
        data: { ownership: { maxTier1ServicesPerGroup: 2 } },
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.permissions.factory({ result: permission }),
    ],
  });
  return server;
}

const auth = { Authorization: mockCredentials.user.header() };

describe('ownership backend', () => {
  let server: Server;

  beforeAll(async () => {
    server = await startBackend();
  });

  describe('GET /health', () => {
    it('answers without credentials', async () => {
      const res = await request(server).get('/api/ownership/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    });
  });

  describe('credentials', () => {
    it.each([
      '/matrix',
      '/matrix.csv',
      '/coverage',
      '/entities/component/default/checkout',
      '/groups/default/team-a',
    ])('rejects %s without credentials with 401', async path => {
      const res = await request(server).get(`/api/ownership${path}`);
      expect(res.status).toBe(401);
    });

    it('accepts service credentials', async () => {
      const res = await request(server)
        .get('/api/ownership/coverage')
        .set('Authorization', mockCredentials.service.header());
      expect(res.status).toBe(200);
    });
  });

  describe('GET /matrix', () => {
    it('returns the first page sorted by entity ref', async () => {
      const res = await request(server)
        .get('/api/ownership/matrix')
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
        .get('/api/ownership/matrix?q=checkout')
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
        .get('/api/ownership/matrix?q=drifting')
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
          '/api/ownership/matrix?owner=team-a&owner=team-b&tier=tier-1&kind=component',
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
          '/api/ownership/matrix?system=payments&domain=domain:default/commerce',
        )
        .set(auth)
        .expect(200);
      expect(bySystem.body.items.map((r: { name: string }) => r.name)).toEqual([
        'checkout',
      ]);

      const byLifecycle = await request(server)
        .get('/api/ownership/matrix?lifecycle=experimental')
        .set(auth)
        .expect(200);
      expect(
        byLifecycle.body.items.map((r: { name: string }) => r.name),
      ).toEqual(['formula-api']);
    });

    it('filters by finding', async () => {
      const res = await request(server)
        .get('/api/ownership/matrix?finding=tier-without-contact')
        .set(auth)
        .expect(200);
      expect(res.body.items.map((r: { name: string }) => r.name)).toEqual([
        'ledger',
      ]);
    });

    it('searches owner titles and policies as free text', async () => {
      const res = await request(server)
        .get('/api/ownership/matrix')
        .query({ q: 'team team-over' })
        .set(auth)
        .expect(200);
      expect(res.body.totalItems).toBe(3);
    });

    it('pages with offset and limit', async () => {
      const res = await request(server)
        .get('/api/ownership/matrix?offset=8&limit=5')
        .set(auth)
        .expect(200);
      expect(res.body).toMatchObject({ totalItems: 10, offset: 8, limit: 5 });
      expect(res.body.items.map((r: { name: string }) => r.name)).toEqual([
        'over-3',
        'orders-db',
      ]);
    });

    it.each([
      ['limit=501', "Invalid query parameter 'limit'"],
      ['limit=0', "Invalid query parameter 'limit'"],
      ['offset=-1', "Invalid query parameter 'offset'"],
      ['tier=tier-9', "'tier-9' is not one of tier-1, tier-2, tier-3"],
      ['kind=Group', "'Group' is not one of Component, API, Resource"],
      ['finding=nope', "Invalid query parameter 'finding'"],
      ['owner=group:', "'group:' is not an entity ref"],
      ['sort=name', "Unknown query parameter 'sort'"],
    ])('rejects %s with 400', async (query, message) => {
      const res = await request(server)
        .get(`/api/ownership/matrix?${query}`)
        .set(auth)
        .expect(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(message),
      });
    });
  });

  describe('GET /matrix.csv', () => {
    it('exports a header and one row per entity as an attachment', async () => {
      const res = await request(server)
        .get('/api/ownership/matrix.csv')
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
        .get('/api/ownership/matrix.csv?kind=API')
        .set(auth)
        .expect(200);
      const row = res.text.trimEnd().split('\r\n')[1];
      expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    });

    it('applies the matrix filters', async () => {
      const res = await request(server)
        .get('/api/ownership/matrix.csv?owner=team-over')
        .set(auth)
        .expect(200);
      expect(res.text.trimEnd().split('\r\n')).toHaveLength(4);
    });
  });

  describe('GET /coverage', () => {
    it('reports one finding of each type on the fixture catalog', async () => {
      const res = await request(server)
        .get('/api/ownership/coverage')
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
        .get('/api/ownership/coverage')
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
        .get('/api/ownership/coverage')
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
        .get('/api/ownership/coverage')
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

  describe('GET /entities/:kind/:namespace/:name', () => {
    it('returns the row with its own and its policy findings', async () => {
      const res = await request(server)
        .get('/api/ownership/entities/Component/default/ledger')
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
        .get('/api/ownership/entities/component/default/nope')
        .set(auth)
        .expect(404);
      expect(res.body.error.name).toBe('NotFoundError');
    });
  });

  describe('GET /groups/:namespace/:name', () => {
    it('returns what the group owns, its policies and findings', async () => {
      const res = await request(server)
        .get('/api/ownership/groups/default/team-a')
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
        .get('/api/ownership/groups/default/ghosts')
        .set(auth);
      expect(res.status).toBe(404);
    });
  });

  describe('permissions', () => {
    it('answers 403 to a CSV export when only reading is allowed', async () => {
      const permissions = mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(({ permission }) => ({
            result:
              permission.name === ownershipMatrixExportPermission.name
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })),
      });
      const { server: readOnly } = await startTestBackend({
        features: [
          ownershipPlugin,
          catalogServiceMock.factory({ entities: fixtureEntities }),
          permissions.factory,
        ],
      });
      const read = await request(readOnly)
        .get('/api/ownership/matrix')
        .set(auth);
      expect(read.status).toBe(200);
      const csv = await request(readOnly)
        .get('/api/ownership/matrix.csv')
        .set(auth);
      expect(csv.status).toBe(403);
    });

    it('answers 403 when the read permission is denied', async () => {
      const denied = await startBackend(AuthorizeResult.DENY);
      for (const path of ['/matrix', '/matrix.csv', '/coverage']) {
        const res = await request(denied)
          .get(`/api/ownership${path}`)
          .set(auth);
        expect(res.status).toBe(403);
      }
    });
  });
});

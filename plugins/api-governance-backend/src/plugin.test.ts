import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackendPlugin from '@backstage/plugin-permission-backend';
import type {
  FamilyList,
  FamilyTimeline,
  LineDiff,
  LintReport,
} from '@plinth/plugin-api-governance-common';
import type { OwnershipMatrixRow } from '@plinth/plugin-ownership-common';
import permissionModulePlinthPolicy, {
  plinthPermissionsServiceFactory,
} from '@plinth/plugin-permission-backend-module-plinth';
import {
  expectProblem as expectProblemOf,
  specRoutes,
  testAuthFactories,
} from '@plinth/testing';
import type { JsonObject } from '@backstage/types';
import express from 'express';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { apiGovernancePlugin } from './plugin';
import { spec } from './schema/openapi/generated/router';
import {
  CYCLIC_REF_SPEC,
  deeplyNestedSpec,
  largeSpec,
} from './services/analysis/__fixtures__/hostileSpecs';

/*
 * The plugin as the backend runs it: the real permission backend with the Plinth policy,
 * the generated router, the analysis worker thread, and the repository's example
 * definitions. The catalog is the catalog service's fake (relations written out, as the
 * catalog would emit them from consumesApis); the ownership backend is a stand-in plugin
 * serving its route over HTTP, behind the real service-to-service auth.
 */

const USER = 'user:default/ana.ruiz';
const EXAMPLES = resolve(__dirname, '../../../examples/apis/openapi');
const example = (name: string) => readFileSync(resolve(EXAMPLES, name), 'utf8');

const DAY = 24 * 60 * 60 * 1000;
/** Dates relative to today, so the fixtures mean the same thing on any day. */
const daysFromNow = (days: number) =>
  new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

function api(
  name: string,
  options: {
    family?: string;
    lifecycle: string;
    definition: string;
    annotations?: Record<string, string>;
    consumers?: string[];
    type?: string;
  },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name,
      namespace: 'default',
      title: `${name} title`,
      annotations: {
        ...(options.family && { 'plinth.dev/api-family': options.family }),
        ...options.annotations,
      },
    },
    spec: {
      type: options.type ?? 'openapi',
      lifecycle: options.lifecycle,
      owner: 'group:default/identity',
      definition: options.definition,
    },
    relations: (options.consumers ?? []).map(targetRef => ({
      type: 'apiConsumedBy',
      targetRef,
    })),
  };
}

function component(name: string, owner: string, title: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', title },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}

const SWAGGER_2 = `swagger: '2.0'\ninfo: { title: Old, version: 1.0.0 }\npaths: {}\n`;

const entities: Entity[] = [
  api('user-provisioning-v1', {
    family: 'user-provisioning',
    lifecycle: 'deprecated',
    definition: example('user-provisioning-v1.yaml'),
    annotations: {
      'plinth.dev/deprecated-at': daysFromNow(-60),
      'plinth.dev/sunset-at': daysFromNow(200),
    },
    consumers: ['component:default/signup-service'],
  }),
  api('user-provisioning-v2', {
    family: 'user-provisioning',
    lifecycle: 'production',
    definition: example('user-provisioning-v2.yaml'),
    consumers: ['component:default/billing-service'],
  }),
  api('legacy-v1', {
    family: 'legacy',
    lifecycle: 'production',
    definition: SWAGGER_2,
  }),
  api('cyclic', {
    family: 'hostile',
    lifecycle: 'experimental',
    definition: CYCLIC_REF_SPEC,
  }),
  api('deep', {
    family: 'hostile',
    lifecycle: 'experimental',
    definition: deeplyNestedSpec(400),
  }),
  // 3 MB: over the first backend's size limit; ~15 s of lint on the 2-core machine, far
  // over the second backend's 2 s time limit.
  api('huge', {
    lifecycle: 'experimental',
    definition: largeSpec({ operations: 1500 }),
  }),
  api('unresolved', {
    lifecycle: 'experimental',
    definition: `openapi: 3.0.3
info: { title: Unresolved, version: 1.0.0 }
paths: {}
components:
  schemas:
    A: { $ref: '#/components/schemas/Missing' }
`,
  }),
  api('bad-yaml', {
    lifecycle: 'experimental',
    definition: 'openapi: 3.0.3\ninfo: [title\n',
  }),
  component(
    'signup-service',
    'group:default/growth',
    'Sign-up service (legacy)',
  ),
  component('billing-service', 'group:default/billing', 'Billing service'),
];

const GROWTH_ONCALL = {
  level: 1,
  name: 'On-call engineer',
  contacts: [{ name: 'Growth on-call', pager: 'pagerduty:PGROW1' }],
  hours: { type: '24x7' as const },
  responseMinutes: { 'tier-1': 15 },
};

function row(
  entityRef: string,
  extra: Partial<OwnershipMatrixRow>,
): OwnershipMatrixRow {
  return {
    entityRef,
    kind: 'Component',
    name: entityRef.split('/')[1],
    policySource: 'owner-group',
    tiers: [],
    findings: [],
    ...extra,
  };
}

/** The ownership plugin's answers, by entity ref; the stand-in records who asked. */
const OWNERSHIP: Record<string, OwnershipMatrixRow> = {
  'component:default/signup-service': row('component:default/signup-service', {
    ownerRef: 'group:default/growth',
    ownerTitle: 'Growth',
    policyRef: 'escalationpolicy:default/growth',
    tiers: [GROWTH_ONCALL],
  }),
  'api:default/user-provisioning-v2': row('api:default/user-provisioning-v2', {
    kind: 'API',
    ownerRef: 'group:default/identity',
    policyRef: 'escalationpolicy:default/identity',
    tiers: [GROWTH_ONCALL],
  }),
  // Production without a policy: a violation.
  'api:default/legacy-v1': row('api:default/legacy-v1', {
    kind: 'API',
    ownerRef: 'group:default/identity',
    policySource: 'none',
  }),
};

const ownershipCallers: string[] = [];
const ownershipStandIn = createBackendPlugin({
  pluginId: 'ownership',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({ httpRouter, httpAuth }) {
        const router = express.Router();
        router.get('/v1/entities/:kind/:namespace/:name', async (req, res) => {
          const credentials = await httpAuth.credentials(req, {
            allow: ['service'],
          });
          ownershipCallers.push(credentials.principal.subject);
          const { kind, namespace, name } = req.params;
          const found =
            OWNERSHIP[
              `${kind.toLocaleLowerCase('en-US')}:${namespace}/${name}`
            ];
          if (!found) {
            res.status(404).json({
              error: { name: 'NotFoundError', message: 'not in the matrix' },
            });
            return;
          }
          res.json({ row: found, findings: [] });
        });
        httpRouter.use(router);
      },
    });
  },
});

async function startBackend(apiGovernance: JsonObject = {}) {
  const backend = await startTestBackend({
    features: [
      apiGovernancePlugin,
      ownershipStandIn,
      permissionBackendPlugin,
      permissionModulePlinthPolicy,
      plinthPermissionsServiceFactory,
      ...testAuthFactories(),
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true }, apiGovernance },
      }),
    ],
  });
  return backend;
}

const asUser = () => mockCredentials.user.header(USER);

/** Checks that an error answer is the spec's Problem and returns it. */
function expectProblem(res: request.Response, status: number) {
  return expectProblemOf(res, status, { spec, pluginId: 'api-governance' }) as {
    detail: string;
    error: { name: string; code?: string; entityRef?: string };
  };
}

describe('api-governance backend plugin', () => {
  jest.setTimeout(120_000);
  let backend: Awaited<ReturnType<typeof startBackend>>;
  const get = (path: string) =>
    request(backend.server)
      .get(`/api/api-governance/v1${path}`)
      .set('Authorization', asUser());

  beforeAll(async () => {
    backend = await startBackend({ limits: { maxSpecBytes: 200_000 } });
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('answers every route only with credentials, as a 401 problem', async () => {
    // Every route of the spec (a route added later is checked too), and one request whose
    // parameters are missing: credentials are checked before the parameters.
    const paths = [
      ...specRoutes(spec).map(route => route.path),
      '/v1/families/user-provisioning/diff',
    ];
    expect(paths.length).toBeGreaterThan(4);
    for (const path of paths) {
      const response = await request(backend.server).get(
        `/api/api-governance${path}`,
      );
      expect(expectProblem(response, 401).detail).toBe('Missing credentials');
    }
  });

  it('refuses the automation token (not granted api-governance.read) with 403 naming the permission', async () => {
    const response = await request(backend.server)
      .get('/api/api-governance/v1/families')
      .set(
        'Authorization',
        mockCredentials.service.header({
          onBehalfOf: mockCredentials.service('automation'),
          targetPluginId: 'api-governance',
        }),
      );
    expect(expectProblem(response, 403).detail).toMatch(/api-governance\.read/);
  });

  it('lists every family with its lines ordered by major version and its counts', async () => {
    const response = await get('/families');
    expect(response.status).toBe(200);
    const list = response.body as FamilyList;
    expect(list.items.map(f => f.name)).toEqual([
      'hostile',
      'legacy',
      'user-provisioning',
    ]);
    const family = list.items.find(f => f.name === 'user-provisioning')!;
    expect(family.lines.map(l => [l.entityRef, l.semver, l.major])).toEqual([
      ['api:default/user-provisioning-v1', '1.4.2', 1],
      ['api:default/user-provisioning-v2', '2.1.0', 2],
    ]);
    expect(family.lines[0]).toMatchObject({
      lifecycle: 'deprecated',
      sunsetAt: daysFromNow(200),
      daysToSunset: 200,
    });
    expect(family.counts.consumers).toBe(2);
    expect(family.counts.breakingChanges).toBeGreaterThan(0);
    expect(family.owner).toBe('group:default/identity');
    // A definition that cannot be used is a violation on its line, not a failed list.
    const legacy = list.items.find(f => f.name === 'legacy')!;
    expect(legacy.lines[0].definitionProblem).toMatchObject({
      code: 'SWAGGER_2',
    });
  });

  it('pages the family list with a token', async () => {
    const first = (await get('/families?pageSize=2')).body as FamilyList;
    expect(first.items.map(f => f.name)).toEqual(['hostile', 'legacy']);
    expect(first.totalItems).toBe(3);
    const second = (
      await get(`/families?pageSize=2&pageToken=${first.nextPageToken}`)
    ).body as FamilyList;
    expect(second.items.map(f => f.name)).toEqual(['user-provisioning']);
    expect(second.nextPageToken).toBeUndefined();
    expect(
      expectProblem(await get('/families?pageToken=not-a-token'), 400).detail,
    ).toMatch(/pageToken/);
  });

  it("shows the timeline with each consumer's impact, owner and first escalation tier", async () => {
    const response = await get('/families/user-provisioning');
    expect(response.status).toBe(200);
    const timeline = response.body as FamilyTimeline;
    expect(timeline).toMatchObject({
      name: 'user-provisioning',
      ownership: 'ok',
    });
    const [v1, v2] = timeline.lines;
    expect(v1.lint).toEqual({ error: 0, warning: 2, info: 0 });
    expect(v1.consumers).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/signup-service',
        kind: 'Component',
        title: 'Sign-up service (legacy)',
        owner: 'group:default/growth',
        ownerTitle: 'Growth',
        impact: 'migrate-before-sunset',
        escalation: {
          state: 'ok',
          policyRef: 'escalationpolicy:default/growth',
          firstTier: GROWTH_ONCALL,
        },
        migration: {
          toEntityRef: 'api:default/user-provisioning-v2',
          changes: expect.objectContaining({
            breaking: expect.any(Number),
          }),
        },
      }),
    ]);
    expect(v1.consumers[0].migration!.changes.breaking).toBeGreaterThan(0);
    expect(v1.consumers[0].message).toMatch(
      /in 200 days; move to api:default\/user-provisioning-v2/,
    );
    // billing-service is not in the ownership matrix: its owner comes from the catalog.
    expect(v2.consumers).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/billing-service',
        owner: 'group:default/billing',
        impact: 'none',
        escalation: { state: 'no-policy' },
      }),
    ]);
    expect(v2.violations).toEqual([]);
    expect(timeline.diffs).toEqual([
      {
        baseEntityRef: 'api:default/user-provisioning-v1',
        headEntityRef: 'api:default/user-provisioning-v2',
        changes: expect.objectContaining({ breaking: expect.any(Number) }),
      },
    ]);
    // The ownership backend was asked with this plugin's own service credentials.
    expect(ownershipCallers).toContain('plugin:api-governance');
  });

  it('reports a production line without an escalation policy and an unusable definition', async () => {
    const timeline = (await get('/families/legacy')).body as FamilyTimeline;
    expect(timeline.lines[0].violations.map(v => v.ruleId).sort()).toEqual([
      'invalid-definition',
      'production-without-escalation-policy',
    ]);
  });

  it('answers 404 naming the family that does not exist', async () => {
    expect(expectProblem(await get('/families/orders'), 404).detail).toMatch(
      /No API family "orders"/,
    );
  });

  it('diffs two lines, breaking first and grouped by operation, in pages', async () => {
    const path =
      '/families/user-provisioning/diff?base=user-provisioning-v1&head=api:default/user-provisioning-v2';
    const response = await get(path);
    expect(response.status).toBe(200);
    const diff = response.body as LineDiff;
    expect(diff.base).toMatchObject({ semver: '1.4.2' });
    expect(diff.head).toMatchObject({ semver: '2.1.0' });
    expect(diff.counts.breaking).toBeGreaterThan(0);
    const severities = diff.items.map(op => op.changes[0].severity);
    expect(severities[0]).toBe('breaking');
    expect([...severities].sort()).toEqual(severities.slice().sort());
    const keys = diff.items.map(op => `${op.path} ${op.method ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);

    const first = (await get(`${path}&pageSize=1`)).body as LineDiff;
    expect(first.items).toEqual(diff.items.slice(0, 1));
    const second = (
      await get(`${path}&pageSize=1&pageToken=${first.nextPageToken}`)
    ).body as LineDiff;
    expect(second.items).toEqual(diff.items.slice(1, 2));
    // A token of another list is refused, not reinterpreted.
    const familiesToken = (await get('/families?pageSize=1')).body
      .nextPageToken;
    expectProblem(await get(`${path}&pageToken=${familiesToken}`), 400);
  });

  it('answers 400 for a malformed or non-API ref and 404 for a line of another family', async () => {
    const diff = (query: string) =>
      get(`/families/user-provisioning/diff?${query}`);
    expect(
      expectProblem(
        await diff(
          'base=component:default/billing-service&head=user-provisioning-v2',
        ),
        400,
      ).detail,
    ).toMatch(/base must name an API entity/);
    expect(
      expectProblem(
        await diff('base=api:default/&head=user-provisioning-v2'),
        400,
      ).detail,
    ).toMatch(/base is not an entity ref/);
    expectProblem(await diff('base=user-provisioning-v1'), 400);
    expect(
      expectProblem(await diff('base=legacy-v1&head=user-provisioning-v2'), 404)
        .detail,
    ).toMatch(
      /api:default\/legacy-v1 is not a line of the API family "user-provisioning"/,
    );
  });

  it('lints one API entity, with positions', async () => {
    const response = await get('/apis/api/default/user-provisioning-v1/lint');
    expect(response.status).toBe(200);
    const report = response.body as LintReport;
    expect(report.summary).toEqual({ error: 0, warning: 2, info: 0 });
    expect(report.items).toHaveLength(2);
    expect(report.items[0]).toMatchObject({
      ruleId: 'plinth-paginated-lists',
      severity: 'warning',
      pointer: expect.stringMatching(/^\/paths\//),
      start: { line: expect.any(Number), column: expect.any(Number) },
    });
    expect(
      expectProblem(await get('/apis/api/default/nothing/lint'), 404).detail,
    ).toMatch(/No API entity api:default\/nothing/);
    expectProblem(
      await get('/apis/component/default/billing-service/lint'),
      400,
    );
  });

  it.each([
    ['legacy-v1', 'SWAGGER_2', /Swagger 2\.0 is not supported/],
    ['cyclic', 'CIRCULAR_REF', /api:default\/cyclic/],
    ['deep', 'TOO_DEEP', /api:default\/deep/],
    ['huge', 'TOO_LARGE', /over the limit of 200000 bytes/],
    ['unresolved', 'UNRESOLVED_REF', /#\/components\/schemas\/Missing/],
    ['bad-yaml', 'PARSE_ERROR', /api:default\/bad-yaml/],
  ])(
    'answers 422 with the loader code for an unusable definition (%s)',
    async (name, code, message) => {
      const problem = expectProblem(
        await get(`/apis/api/default/${name}/lint`),
        422,
      );
      expect(problem.error).toMatchObject({
        name: 'DefinitionError',
        code,
        entityRef: `api:default/${name}`,
      });
      expect(problem.detail).toMatch(message);
    },
  );

  it('answers 422 when a line of the diff cannot be used', async () => {
    const problem = expectProblem(
      await get('/families/hostile/diff?base=cyclic&head=deep'),
      422,
    );
    expect(problem.error.code).toBe('CIRCULAR_REF');
  });
});

describe('api-governance backend plugin with a tight time limit', () => {
  jest.setTimeout(120_000);

  it('answers 422 TIMEOUT for a definition too costly to check, and keeps serving', async () => {
    const backend = await startBackend({ limits: { diffTimeoutMs: 2000 } });
    try {
      const get = (path: string) =>
        request(backend.server)
          .get(`/api/api-governance/v1${path}`)
          .set('Authorization', asUser());
      const problem = expectProblem(
        await get('/apis/api/default/huge/lint'),
        422,
      );
      expect(problem.error.code).toBe('TIMEOUT');
      expect(problem.detail).toMatch(/longer than 2000 ms/);
      // The worker was replaced; small definitions are still answered.
      const small = await get('/apis/api/default/legacy-v1/lint');
      expect(small.status).toBe(422);
      expect(small.body.error.code).toBe('SWAGGER_2');
    } finally {
      await backend.stop();
    }
  });
});

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  type LoggerService,
  type RootLoggerService,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackendPlugin from '@backstage/plugin-permission-backend';
import techInsightsBackend from '@backstage-community/plugin-tech-insights-backend';
import type {
  BulkCheckResponse,
  CheckResult,
} from '@backstage-community/plugin-tech-insights-common';
import permissionModulePlinthPolicy, {
  plinthPermissionsServiceFactory,
} from '@plinth/plugin-permission-backend-module-plinth';
import { testAuthFactories } from '@plinth/testing';
import express from 'express';
import request from 'supertest';
import {
  FAMILY_TIMELINES,
  MATRIX_ROWS,
  MKDOCS_WITHOUT_RUNBOOK,
  MKDOCS_WITH_RUNBOOK,
  PIPELINE_HEALTH,
  TEMPLATE_CHANGELOG,
  scorecardCatalog,
} from './__fixtures__/scorecardCatalog';
import { ADOPTION_GUIDE_ANCHORS } from './checks/adoptionGuide';
import { FACT_RETRIEVER_IDS } from './factRetrievers/ids';
import techInsightsModulePlinth from '.';

/*
 * The module as the backend runs it: the real Tech Insights backend (its database, router,
 * retriever engine) with the real json-rules-engine checker, the real permission backend
 * with the Plinth policy, and stand-ins for the three Plinth backends the retrievers call,
 * each behind the real auth stack (only a service token gets through). The catalog is the
 * catalog service mock with fixture entities; docs and the template changelog are files.
 * Retrievers run when a test triggers them (the mock scheduler awaits the whole run).
 */

const USER = 'user:default/ana.ruiz';
const asUser = () => mockCredentials.user.header(USER);

type StandIns = { ownershipDown: boolean; governanceInstalled: boolean };

/** A Plinth backend stand-in serving one route to service principals only. */
function standIn(
  pluginId: string,
  path: string,
  handle: (params: Record<string, string>) => { status: number; body: unknown },
) {
  return createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ httpRouter, httpAuth }) {
          const router = express.Router();
          // The clients are generated from each backend's spec; accept the path with and
          // without the /v1 prefix the specs are moving to.
          router.get([path, `/v1${path}`], async (req, res) => {
            await httpAuth.credentials(req, { allow: ['service'] });
            const { status, body } = handle(req.params);
            res.status(status).json(body);
          });
          httpRouter.use(router);
        },
      });
    },
  });
}

function retrieverConfig() {
  return Object.fromEntries(
    Object.values(FACT_RETRIEVER_IDS).map(id => [
      id,
      {
        cadence: '0 0 1 1 *',
        lifecycle:
          id === FACT_RETRIEVER_IDS.adoptionTrend
            ? { timeToLive: { days: 90 } }
            : { maxItems: 30 },
      },
    ]),
  );
}

/** Keeps every log record, so a test can assert what the backend said. */
class RecordingRootLogger implements RootLoggerService {
  constructor(
    readonly records: Array<{
      level: string;
      message: string;
      fields: JsonObject;
    }> = [],
    private readonly labels: JsonObject = {},
  ) {}
  factory() {
    return createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () => this,
    });
  }
  child(meta: JsonObject): LoggerService {
    return new RecordingRootLogger(this.records, { ...this.labels, ...meta });
  }
  error(message: string, meta?: Error | JsonObject) {
    this.record('error', message, meta);
  }
  warn(message: string, meta?: Error | JsonObject) {
    this.record('warn', message, meta);
  }
  info(message: string, meta?: Error | JsonObject) {
    this.record('info', message, meta);
  }
  debug(message: string, meta?: Error | JsonObject) {
    this.record('debug', message, meta);
  }
  private record(level: string, message: string, meta?: Error | JsonObject) {
    const extra = meta instanceof Error ? { error: meta.message } : meta ?? {};
    this.records.push({ level, message, fields: { ...this.labels, ...extra } });
  }
}

async function startBackend(
  dir: string,
  standIns: StandIns,
  logs = new RecordingRootLogger(),
) {
  const scheduler = mockServices.scheduler();
  const features = [
    techInsightsBackend,
    techInsightsModulePlinth,
    permissionBackendPlugin,
    permissionModulePlinthPolicy,
    plinthPermissionsServiceFactory,
    ...testAuthFactories(),
    logs.factory(),
    catalogServiceMock.factory({ entities: scorecardCatalog(dir) }),
    createServiceFactory({
      service: coreServices.scheduler,
      deps: {},
      factory: () => scheduler,
    }),
    mockServices.rootConfig.factory({
      data: {
        permission: { enabled: true },
        techInsights: { factRetrievers: retrieverConfig() },
      },
    }),
    standIn('ownership', '/matrix', () =>
      standIns.ownershipDown
        ? {
            status: 503,
            body: {
              error: { name: 'ServiceUnavailableError', message: 'starting' },
            },
          }
        : {
            status: 200,
            body: {
              items: MATRIX_ROWS,
              totalItems: MATRIX_ROWS.length,
              offset: 0,
              limit: 500,
              generatedAt: new Date().toISOString(),
              facets: { domain: [], system: [], owner: [], lifecycle: [] },
            },
          },
    ),
    standIn('pipeline-health', '/entities/:kind/:namespace/:name', p => {
      const health = PIPELINE_HEALTH[`${p.kind}:${p.namespace}/${p.name}`];
      return health
        ? { status: 200, body: health }
        : {
            status: 404,
            body: { error: { name: 'NotFoundError', message: 'unknown' } },
          };
    }),
    ...(standIns.governanceInstalled
      ? [
          standIn('api-governance', '/families/:family', p =>
            FAMILY_TIMELINES[p.family]
              ? { status: 200, body: FAMILY_TIMELINES[p.family] }
              : {
                  status: 404,
                  body: {
                    error: { name: 'NotFoundError', message: 'unknown family' },
                  },
                },
          ),
        ]
      : []),
  ];
  const backend = await startTestBackend({ features });
  return { backend, scheduler, logs };
}

async function writeSources(dir: string) {
  const files: Record<string, string> = {
    'orders-service/mkdocs.yml': MKDOCS_WITH_RUNBOOK,
    'legacy-service/mkdocs.yml': MKDOCS_WITHOUT_RUNBOOK,
    'templates/golden-path-service/CHANGELOG.md': TEMPLATE_CHANGELOG,
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

const resultsById = (results: CheckResult[]) =>
  Object.fromEntries(results.map(r => [r.check.id, r.result]));

describe('Plinth adoption scorecard on Tech Insights', () => {
  let dir: string;
  let backend: Awaited<ReturnType<typeof startBackend>>;
  const standIns: StandIns = {
    ownershipDown: false,
    governanceInstalled: true,
  };

  const runChecks = async (name: string) => {
    const response = await request(backend.backend.server)
      .post(`/api/tech-insights/checks/run/default/component/${name}`)
      .set('Authorization', asUser())
      .send({});
    expect(response.status).toBe(200);
    return response.body as CheckResult[];
  };

  const latestFacts = async (entity: string, ids: string[]) => {
    const response = await request(backend.backend.server)
      .get('/api/tech-insights/facts/latest')
      .query({ entity, ids })
      .set('Authorization', asUser());
    expect(response.status).toBe(200);
    return response.body as Record<string, { facts: Record<string, unknown> }>;
  };

  const runAllRetrievers = async () => {
    for (const id of Object.values(FACT_RETRIEVER_IDS)) {
      if (id !== FACT_RETRIEVER_IDS.adoptionTrend) {
        await backend.scheduler.triggerTask(id);
      }
    }
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scorecard-'));
    await writeSources(dir);
    backend = await startBackend(dir, standIns);
    await runAllRetrievers();
  }, 60_000);

  afterAll(async () => {
    await backend?.backend.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the ten checks, each with a "what to do next" link into the adoption guide', async () => {
    const response = await request(backend.backend.server)
      .get('/api/tech-insights/checks')
      .set('Authorization', asUser());
    expect(response.status).toBe(200);
    const checks = response.body as Array<{
      id: string;
      links: Array<{ url: string }>;
    }>;
    expect(checks.map(c => c.id).sort()).toEqual(
      [...ADOPTION_GUIDE_ANCHORS].sort(),
    );
    for (const c of checks) {
      expect(c.links).toEqual([
        {
          title: 'What to do next',
          url: `/docs/default/component/plinth-portal/adoption-guide/#${c.id}`,
        },
      ]);
    }
  });

  it('refuses to run checks without credentials', async () => {
    const response = await request(backend.backend.server)
      .post('/api/tech-insights/checks/run/default/component/orders-service')
      .send({});
    expect(response.status).toBe(401);
  });

  it('passes every check for a component that follows the adoption guide', async () => {
    expect(resultsById(await runChecks('orders-service'))).toEqual(
      Object.fromEntries(ADOPTION_GUIDE_ANCHORS.map(id => [id, true])),
    );
  }, 30_000);

  it('fails every applicable check for a component that follows none of it', async () => {
    expect(resultsById(await runChecks('legacy-service'))).toEqual({
      owner: false,
      'escalation-policy': false,
      'tier-and-lifecycle': false,
      'api-document': false,
      'api-lint': false,
      'breaking-changes': false,
      'techdocs-runbook': false,
      'pipeline-annotations': false,
      'template-version': false,
      // No pipeline annotations, so the pipeline-health backend is not asked about it.
    });
  }, 30_000);

  it('fails pipeline health for a stalled consumer group and escalation for a tier without contact', async () => {
    const results = resultsById(await runChecks('legacy-ingester'));
    expect(results).toMatchObject({
      'pipeline-health': false,
      'pipeline-annotations': true,
      'escalation-policy': false,
      owner: true,
      'tier-and-lifecycle': true,
    });
    // Not created from a template, provides no API, no docs annotation: those do not apply.
    expect(results).not.toHaveProperty('template-version');
    expect(results).not.toHaveProperty('api-lint');
  });

  it('keeps the facts behind each result: lint findings, missing documents, breaking changes, changes since the template version', async () => {
    const facts = await latestFacts('component:default/legacy-service', [
      FACT_RETRIEVER_IDS.api,
      FACT_RETRIEVER_IDS.template,
      FACT_RETRIEVER_IDS.techdocs,
      FACT_RETRIEVER_IDS.pipelineAnnotations,
    ]);
    const api = facts[FACT_RETRIEVER_IDS.api].facts;
    expect(api.apiDocumentsMissing).toEqual(['api:default/ghost-v1']);
    expect(api.apiLintErrors).toBeGreaterThan(0);
    expect(api.apiLintFindings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^api:default\/legacy-v1: plinth-/),
      ]),
    );
    expect(api.breakingChanges).toEqual([
      'api:default/legacy-v1: legacy-v1 1.1.0 removed GET /things without a major version bump',
    ]);
    expect(facts[FACT_RETRIEVER_IDS.template].facts).toMatchObject({
      templateVersion: '1.0.0',
      templateCurrentVersion: '1.2.0',
      templateUpToDate: false,
      templateChanges: [
        {
          version: '1.2.0',
          changes: '- CI: the API gate also fails on breaking changes.',
        },
        { version: '1.1.0', changes: '- TechDocs: a separate on-call page.' },
      ],
    });
    expect(facts[FACT_RETRIEVER_IDS.techdocs].facts).toMatchObject({
      hasTechDocs: true,
      hasRunbook: false,
      runbook: 'no runbook page in the mkdocs nav',
    });
    expect(facts[FACT_RETRIEVER_IDS.pipelineAnnotations].facts).toEqual({
      eventConsumer: 'tag event-consumer',
      pipelineAnnotationsValid: false,
      pipelineAnnotationProblems: [
        'kafka.apache.org/consumer-groups is missing',
        'plinth.dev/clickhouse-table is missing',
      ],
    });
  });

  it('scores every fixture component in one bulk run exactly as the entity card does one at a time', async () => {
    const components = scorecardCatalog(dir)
      .filter(e => e.kind === 'Component')
      .map(e => `component:default/${e.metadata.name}`);
    const bulk = await request(backend.backend.server)
      .post('/api/tech-insights/checks/run')
      .set('Authorization', asUser())
      .send({ entities: components });
    expect(bulk.status).toBe(200);
    const body = bulk.body as BulkCheckResponse;
    expect(body.map(r => r.entity)).toEqual(components);
    for (const entity of body) {
      expect(entity).not.toHaveProperty('error');
      const name = entity.entity.split('/')[1];
      // The card's route: one entity, so one read of its own (the bulk run batched them).
      expect(entity.results).toEqual(await runChecks(name));
    }
    expect(body.every(r => r.results.length > 0)).toBe(true);
  });

  it("stores each team's pass counts as a trend fact, read back over a time range", async () => {
    await backend.scheduler.triggerTask(FACT_RETRIEVER_IDS.adoptionTrend);
    const now = new Date();
    const response = await request(backend.backend.server)
      .get('/api/tech-insights/facts/range')
      .query({
        entity: 'group:default/legacy',
        ids: [FACT_RETRIEVER_IDS.adoptionTrend],
        startDatetime: new Date(now.getTime() - 86_400_000).toISOString(),
        endDatetime: new Date(now.getTime() + 60_000).toISOString(),
      })
      .set('Authorization', asUser());
    expect(response.status).toBe(200);
    const rows = response.body[FACT_RETRIEVER_IDS.adoptionTrend];
    expect(rows).toHaveLength(1);
    // legacy owns legacy-ingester only (legacy-service is owned by a user, so by no team).
    expect(rows[0].facts).toMatchObject({
      components: 1,
      checks: {
        owner: { passed: 1, evaluated: 1 },
        'pipeline-health': { passed: 0, evaluated: 1 },
        'escalation-policy': { passed: 0, evaluated: 1 },
      },
    });
    // The run's own time: the trend's day comes from it (the stored row's timestamp is
    // null from /facts/range on SQLite in Tech Insights 3.1.0).
    expect(Date.parse(rows[0].facts.scoredAt)).toBeGreaterThan(
      Date.parse('2026-01-01T00:00:00Z'),
    );
    const bulk = await request(backend.backend.server)
      .post('/api/tech-insights/checks/run')
      .set('Authorization', asUser())
      .send({ entities: ['component:default/orders-service'] });
    expect((bulk.body as BulkCheckResponse)[0].results).toHaveLength(10);
  });

  it('keeps the other retrievers running when one fails, and logs which one', async () => {
    standIns.ownershipDown = true;
    try {
      // The engine catches the failure of the escalation retriever (it does not throw here).
      await backend.scheduler.triggerTask(FACT_RETRIEVER_IDS.escalation);
      await backend.scheduler.triggerTask(FACT_RETRIEVER_IDS.catalog);
      const facts = await latestFacts('component:default/orders-service', [
        FACT_RETRIEVER_IDS.catalog,
        FACT_RETRIEVER_IDS.escalation,
      ]);
      expect(facts[FACT_RETRIEVER_IDS.catalog].facts.ownerIsGroup).toBe(true);
      expect(backend.logs.records).toContainEqual(
        expect.objectContaining({
          level: 'error',
          message: `Failed to retrieve facts for retriever ${FACT_RETRIEVER_IDS.escalation}`,
          fields: expect.objectContaining({
            error: expect.stringMatching(/503/),
          }),
        }),
      );
      // The last good escalation facts stay until the ownership backend answers again.
      expect(
        facts[FACT_RETRIEVER_IDS.escalation].facts.escalationPolicyComplete,
      ).toBe(true);
    } finally {
      standIns.ownershipDown = false;
    }
  });
});

describe('Plinth adoption scorecard without the api-governance backend', () => {
  it('does not evaluate breaking changes and says why in the facts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scorecard-'));
    const { backend, scheduler } = await startBackend(dir, {
      ownershipDown: false,
      governanceInstalled: false,
    });
    try {
      await scheduler.triggerTask(FACT_RETRIEVER_IDS.api);
      const facts = await request(backend.server)
        .get('/api/tech-insights/facts/latest')
        .query({
          entity: 'component:default/orders-service',
          ids: [FACT_RETRIEVER_IDS.api],
        })
        .set('Authorization', asUser());
      const api = facts.body[FACT_RETRIEVER_IDS.api].facts;
      expect(api).not.toHaveProperty('breakingChangesWithoutMajorBump');
      expect(api.breakingChangesNote).toMatch(
        /^not evaluated yet: api-governance backend not available/,
      );
      const results = await request(backend.server)
        .post('/api/tech-insights/checks/run/default/component/orders-service')
        .set('Authorization', asUser())
        .send({});
      const ids = (results.body as CheckResult[]).map(r => r.check.id);
      expect(ids).toContain('api-lint');
      expect(ids).not.toContain('breaking-changes');
    } finally {
      await backend.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

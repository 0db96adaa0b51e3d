import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackendPlugin from '@backstage/plugin-permission-backend';
import permissionModulePlinthPolicy, {
  plinthPermissionsServiceFactory,
} from '@plinth/plugin-permission-backend-module-plinth';
import type {
  EntityPipelineHealth,
  PipelineHistory,
  PipelineList,
} from '@plinth/plugin-pipeline-health-common';
import {
  eventually,
  expectProblem as expectProblemOf,
  specRoutes,
  testAuthFactories,
} from '@plinth/testing';
import request from 'supertest';
import { pipelineHealthPlugin } from './plugin';
import { spec } from './schema/openapi/generated/router';

/*
 * The plugin as the backend runs it: the real permission backend with the Plinth policy,
 * the real database service (SQLite files, so a restart keeps them), the generated router.
 * Kafka and ClickHouse point at closed loopback ports: every answer must still be a 200
 * with each source reporting itself unavailable. Scheduled tasks run once at start-up and
 * then only when a test triggers them, so each poll is deterministic.
 */

const USER = 'user:default/ana.ruiz';
const ingester: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'events-ingester',
    namespace: 'default',
    annotations: {
      'kafka.apache.org/consumer-groups': 'local/events-ingester, prod/orders',
      'plinth.dev/clickhouse-table': 'plinth_events.events',
    },
  },
  spec: { type: 'service', owner: 'group:default/data-infrastructure' },
};

function config(databaseDir: string) {
  return {
    backend: {
      database: {
        client: 'better-sqlite3',
        connection: { directory: databaseDir },
      },
    },
    permission: { enabled: true },
    pipelineHealth: {
      pollInterval: '5s',
      kafkaRequestTimeout: '1s',
      clusters: { local: { brokers: ['127.0.0.1:1'] } },
      clickhouse: {
        url: 'http://127.0.0.1:1',
        password: 'not-logged',
        queryTimeout: '1s',
      },
      pipelines: [
        {
          id: 'events',
          title: 'Event ingestion',
          owner: 'group:default/data-infrastructure',
          entityRef: 'component:default/events-ingester',
          cluster: 'local',
          consumerGroups: ['events-ingester'],
          clickhouseTable: 'plinth_events.events',
        },
      ],
    },
  };
}

async function startBackend(databaseDir: string) {
  const scheduler = mockServices.scheduler();
  const backend = await startTestBackend({
    features: [
      pipelineHealthPlugin,
      permissionBackendPlugin,
      permissionModulePlinthPolicy,
      plinthPermissionsServiceFactory,
      ...testAuthFactories(),
      catalogServiceMock.factory({ entities: [ingester] }),
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      mockServices.rootConfig.factory({ data: config(databaseDir) }),
    ],
  });
  return {
    server: backend.server,
    scheduler,
    stop: () => backend.stop(),
  };
}

const asUser = () => mockCredentials.user.header(USER);

/**
 * Checks that an error answer is the spec's Problem (RFC 9457 problem+json with the
 * Backstage members) and returns its detail.
 */
function expectProblem(res: request.Response, status: number): string {
  return expectProblemOf(res, status, { spec, pluginId: 'pipeline-health' })
    .detail;
}

describe('pipeline-health backend plugin', () => {
  let databaseDir: string;
  let backend: Awaited<ReturnType<typeof startBackend>>;

  beforeAll(async () => {
    databaseDir = await mkdtemp(join(tmpdir(), 'pipeline-health-'));
    backend = await startBackend(databaseDir);
  });

  afterAll(async () => {
    await backend?.stop();
    await rm(databaseDir, { recursive: true, force: true });
  });

  it('answers /v1/health without credentials and everything else only with them, as a 401 problem', async () => {
    await request(backend.server)
      .get('/api/pipeline-health/v1/health')
      .expect(200, { status: 'ok' });
    // Every route of the spec but /v1/health (a route added later is checked too), and one
    // request with a bad parameter: credentials are checked before the parameters.
    const paths = [
      ...specRoutes(spec)
        .map(route => route.path)
        .filter(path => path !== '/v1/health'),
      '/v1/pipelines/events/history?range=2h',
    ];
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) {
      const response = await request(backend.server).get(
        `/api/pipeline-health${path}`,
      );
      expect(expectProblem(response, 401)).toBe('Missing credentials');
    }
  });

  it('refuses the automation token (not granted pipeline-health.read) with 403 naming the permission', async () => {
    const response = await request(backend.server)
      .get('/api/pipeline-health/v1/pipelines')
      .set(
        'Authorization',
        mockCredentials.service.header({
          onBehalfOf: mockCredentials.service('automation'),
          targetPluginId: 'pipeline-health',
        }),
      );
    expect(expectProblem(response, 403)).toMatch(/pipeline-health\.read/);
  });

  it('serves the snapshot with each unreachable source reported on its own, never a 5xx', async () => {
    // A poll fails on both sources; wait until the snapshot says so for both (the poll
    // may already be running, then triggering returns at once), then check the rest.
    await backend.scheduler.triggerTask('pipeline-health-poll');
    const list = await eventually(
      'the first poll to report Kafka and ClickHouse unavailable',
      async () => {
        const response = await request(backend.server)
          .get('/api/pipeline-health/v1/pipelines')
          .set('Authorization', asUser());
        expect(response.status).toBe(200);
        return response.body as PipelineList;
      },
      {
        until: (l): l is PipelineList =>
          l.pipelines[0]?.status !== 'unknown' &&
          l.pipelines[0]?.kafka?.source.state === 'unavailable' &&
          l.pipelines[0]?.clickhouse?.source.state === 'unavailable',
        timeoutMs: 30_000,
      },
    );
    const [events] = list.pipelines;
    expect(list.pollIntervalMs).toBe(5_000);
    expect(events.kafka?.source.error).toEqual(expect.any(String));
    expect(events.clickhouse?.source.error).toEqual(expect.any(String));
    expect(JSON.stringify(list)).not.toContain('not-logged');
    expect(events.slos.every(s => s.status === 'no-data')).toBe(true);
    expect(events.status).toBe('no-data');
  }, 60_000);

  it('answers 404 for an unknown pipeline or group, and 400 for a malformed id or range', async () => {
    const get = (path: string) =>
      request(backend.server)
        .get(`/api/pipeline-health/v1${path}`)
        .set('Authorization', asUser());
    const unknown = await get('/pipelines/orders');
    expect(expectProblem(unknown, 404)).toMatch(
      /No pipeline "orders" is configured; the pipelines are "events"/,
    );
    const group = await get('/pipelines/events/groups/audit/partitions');
    expect(expectProblem(group, 404)).toMatch(/no consumer group "audit"/);
    expectProblem(await get('/pipelines/Events%20;DROP'), 400);
    expect(
      expectProblem(await get('/pipelines/events/history?range=2h'), 400),
    ).toMatch(/range/);
  });

  it("answers the entity tab from the entity's annotations, naming the unknown cluster", async () => {
    const response = await request(backend.server)
      .get('/api/pipeline-health/v1/entities/component/default/events-ingester')
      .set('Authorization', asUser());
    expect(response.status).toBe(200);
    const health = response.body as EntityPipelineHealth;
    expect(health.pipelineIds).toEqual(['events']);
    expect(health.problems).toEqual([
      expect.stringMatching(/cluster "prod" .* not configured/),
    ]);
    expect(health.consumerGroups.map(g => g.group)).toEqual([
      'events-ingester',
    ]);
    const missing = await request(backend.server)
      .get('/api/pipeline-health/v1/entities/component/default/nothing')
      .set('Authorization', asUser());
    expectProblem(missing, 404);
  });

  it('keeps its history in the database across a restart', async () => {
    await backend.scheduler.triggerTask('pipeline-health-poll');
    const before = await request(backend.server)
      .get('/api/pipeline-health/v1/pipelines/events/history?range=1h')
      .set('Authorization', asUser());
    const recorded = (before.body as PipelineHistory).points;
    expect(recorded.length).toBeGreaterThan(0);

    await backend.stop();
    backend = await startBackend(databaseDir);
    const after = await request(backend.server)
      .get('/api/pipeline-health/v1/pipelines/events/history?range=1h')
      .set('Authorization', asUser());
    expect(after.status).toBe(200);
    const times = (after.body as PipelineHistory).points.map(p => p.at);
    expect(times).toEqual(expect.arrayContaining(recorded.map(p => p.at)));
  });
});

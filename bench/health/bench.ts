/* eslint-disable no-console */
/**
 * Pipeline health at 2,000 partitions, side by side with the community Kafka plugin.
 *
 * One real Kafka broker (TestKafka, loopback) holds 200 topics x 10 partitions and one
 * consumer group per topic with known lag. Plinth's pipeline-health backend runs in
 * startTestBackend with the real permission backend and the Plinth policy, 20 pipelines of
 * 10 groups, a 5 s poll and no ClickHouse; the community plugin
 * (@backstage-community/plugin-kafka-backend 0.12.0, /alpha) runs in its own
 * startTestBackend on the same broker. Both answer the same 200 component views.
 *
 *   sucrase-node bench/health/bench.ts [--topics 200] [--partitions 10] [--samples 200]
 *     [--polls 24] [--kafka-port 29692] [--page [--page-runs 20]]
 *
 * --page also opens the Pipelines page of the built portal in Chromium (freshData.ts).
 * Prints a JSON report on stdout; progress goes to stderr. Timings are reported, never
 * asserted; the answers are checked (lag per group) so a fast wrong answer cannot pass.
 */
import {
  coreServices,
  createServiceFactory,
  type SchedulerService,
  type SchedulerServiceTaskInvocationDefinition,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackendPlugin from '@backstage/plugin-permission-backend';
// The project's Kafka runner for tests and benchmarks lives in the pipeline's testing
// folder, which is not a public entry point; benchmarks run from the source tree.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { TestKafka } from '@plinth/event-pipeline/src/testing/infra';
import permissionModulePlinthPolicy, {
  plinthPermissionsServiceFactory,
} from '@plinth/plugin-permission-backend-module-plinth';
import pipelineHealthPlugin from '@plinth/plugin-pipeline-health-backend';
import type {
  ConsumerGroupPartitions,
  EntityPipelineHealth,
  PipelineDetail,
  PipelineList,
} from '@plinth/plugin-pipeline-health-common';
import { testAuthFactories } from '@plinth/testing';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  SETUP_CLIENT_ID,
  buildKafkaFixture,
  expectedGroupLag,
  groupName,
} from './kafkaFixture';
import {
  installKafkaRequestCounter,
  trafficBetween,
  trafficSnapshot,
} from './kafkaRequestCounter';
import { measureFreshData } from './freshData';
import { arg, summarize } from '@plinth/testing';

const shape = {
  topics: Number(arg('topics') ?? 200),
  partitionsPerTopic: Number(arg('partitions') ?? 10),
};
const groupsPerPipeline = 10;
const pipelineCount = Math.ceil(shape.topics / groupsPerPipeline);
const samples = Number(arg('samples') ?? 200);
const idlePolls = Number(arg('polls') ?? 24);
// Below the kernel's ephemeral range (32768-60999): a port inside it can be taken by a
// client's self-connect while the broker starts (seen once: "Address already in use").
const kafkaPort = Number(arg('kafka-port') ?? 29692);
const withPage = process.argv.includes('--page');
const pageRuns = Number(arg('page-runs') ?? 20);
const POLL_INTERVAL_MS = 5_000;
const CLUSTER = 'bench';
const PLINTH_CLIENT_ID = 'plinth-pipeline-health-bench';
const PEER_CLIENT_ID = 'backstage-community-kafka-bench';
const USER = 'user:default/ana.ruiz';
const asUser = { Authorization: mockCredentials.user.header(USER) };

const pipelineId = (p: number) => `bench-p${String(p).padStart(2, '0')}`;
const componentName = (i: number) => `bench-svc-${String(i).padStart(3, '0')}`;
const pipelineOfGroup = (i: number) =>
  pipelineId(Math.floor(i / groupsPerPipeline));

const log = (message: string) => process.stderr.write(`  ${message}\n`);
const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
const heapMb = () => Math.round(process.memoryUsage().heapUsed / 1024 / 1024);

/**
 * A scheduler that records the plugin's tasks instead of running them, so the bench runs
 * the poll itself on the 5 s interval and times every cycle end to end (Kafka requests,
 * lag evaluation, summaries, the history write to the database, the signal).
 */
class RecordingScheduler implements SchedulerService {
  readonly tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
  async triggerTask(id: string) {
    const task = this.tasks.get(id);
    if (!task) {
      throw new Error(`No task ${id}`);
    }
    await task.fn(new AbortController().signal);
  }
  async cancelTask() {}
  async scheduleTask(
    task: SchedulerServiceTaskScheduleDefinition &
      SchedulerServiceTaskInvocationDefinition,
  ) {
    this.tasks.set(task.id, task);
  }
  createScheduledTaskRunner(schedule: SchedulerServiceTaskScheduleDefinition) {
    return {
      run: async (task: SchedulerServiceTaskInvocationDefinition) =>
        this.scheduleTask({ ...schedule, ...task }),
    };
  }
  async getScheduledTasks() {
    return [];
  }
}

function components(): Entity[] {
  return Array.from({ length: shape.topics }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: componentName(i),
      namespace: 'default',
      // The community plugin's annotation format, read by both plugins.
      annotations: {
        'kafka.apache.org/consumer-groups': `${CLUSTER}/${groupName(i)}`,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/data-infrastructure',
    },
  }));
}

function plinthConfig(brokers: string[]) {
  return {
    backend: {
      database: { client: 'better-sqlite3', connection: ':memory:' },
    },
    permission: { enabled: true },
    pipelineHealth: {
      pollInterval: `${POLL_INTERVAL_MS / 1000}s`,
      // The bench measures collection, not paging: no notifications backend runs here.
      alerting: { enabled: false },
      clusters: { [CLUSTER]: { brokers, clientId: PLINTH_CLIENT_ID } },
      pipelines: Array.from({ length: pipelineCount }, (_, p) => ({
        id: pipelineId(p),
        title: `Bench pipeline ${p}`,
        owner: 'group:default/data-infrastructure',
        cluster: CLUSTER,
        consumerGroups: Array.from(
          { length: groupsPerPipeline },
          (_unused, g) => p * groupsPerPipeline + g,
        )
          .filter(i => i < shape.topics)
          .map(groupName),
      })),
    },
  };
}

async function startPlinth(brokers: string[]) {
  const scheduler = new RecordingScheduler();
  const backend = await startTestBackend({
    features: [
      pipelineHealthPlugin,
      permissionBackendPlugin,
      permissionModulePlinthPolicy,
      plinthPermissionsServiceFactory,
      ...testAuthFactories(),
      catalogServiceMock.factory({ entities: components() }),
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      mockServices.rootConfig.factory({ data: plinthConfig(brokers) }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  return { backend, scheduler, base: `http://127.0.0.1:${port}/api` };
}

async function startPeer(brokers: string[]) {
  const backend = await startTestBackend({
    features: [
      import('@backstage-community/plugin-kafka-backend/alpha'),
      mockServices.rootConfig.factory({
        data: {
          kafka: {
            clientId: PEER_CLIENT_ID,
            clusters: [{ name: CLUSTER, brokers }],
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  return { backend, base: `http://127.0.0.1:${port}/api` };
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: asUser });
  const body = await res.text();
  if (!res.ok) {
    throw new Error(`${url} answered ${res.status}: ${body.slice(0, 300)}`);
  }
  return JSON.parse(body) as T;
}

/** `samples` sequential requests, the i-th to urlOf(i); wall time per request. */
async function measure(urlOf: (i: number) => string) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < samples; i++) {
    const url = urlOf(i);
    const start = performance.now();
    const res = await fetch(url, { headers: asUser });
    const body = await res.text();
    times.push(performance.now() - start);
    if (!res.ok) {
      throw new Error(`${url} answered ${res.status}: ${body.slice(0, 300)}`);
    }
    bytes = Math.max(bytes, body.length);
  }
  return { ...summarize(times), maxBytes: bytes };
}

/**
 * Runs the plugin's poll task every POLL_INTERVAL_MS (start to start; a slower cycle
 * delays the next, as the scheduler never overlaps runs) and records each cycle.
 */
function startPollLoop(poll: () => Promise<void>) {
  const cycles: Array<{
    ms: number;
    requests: number;
    connections: number;
    byApi: Record<string, number>;
    phase: string;
  }> = [];
  let phase = 'idle';
  let stopped = false;
  let failure: Error | undefined;
  const done = (async () => {
    while (!stopped) {
      const before = trafficSnapshot(PLINTH_CLIENT_ID);
      const started = performance.now();
      try {
        await poll();
      } catch (error) {
        failure = error as Error;
        return;
      }
      const ms = performance.now() - started;
      const sent = trafficBetween(before, trafficSnapshot(PLINTH_CLIENT_ID));
      cycles.push({
        ms,
        requests: sent.requests,
        connections: sent.connections,
        byApi: sent.byApi,
        phase,
      });
      const wait = POLL_INTERVAL_MS - ms;
      if (wait > 0 && !stopped) {
        await new Promise(r => setTimeout(r, wait));
      }
    }
  })();
  return {
    cycles,
    setPhase: (p: string) => {
      phase = p;
    },
    /** Resolves once `n` cycles of the current phase are recorded. */
    async cyclesIn(p: string, n: number) {
      while (cycles.filter(c => c.phase === p).length < n) {
        if (failure) {
          throw failure;
        }
        await new Promise(r => setTimeout(r, 200));
      }
    },
    async stop() {
      stopped = true;
      await done;
      if (failure) {
        throw failure;
      }
    },
  };
}

function cycleStats(
  cycles: Array<{ ms: number; requests: number; connections: number }>,
) {
  return {
    pollMs: summarize(cycles.map(c => c.ms)),
    kafkaRequestsPerCycle: summarize(cycles.map(c => c.requests)),
    connectionsOpened: cycles.reduce((n, c) => n + c.connections, 0),
  };
}

async function main() {
  const startedAt = new Date();
  const load = { start: os.loadavg().map(l => +l.toFixed(2)) };
  installKafkaRequestCounter();
  const kafka = new TestKafka(`bench-health-p${kafkaPort}`, kafkaPort, 1);
  const stops: Array<() => Promise<void>> = [];
  // Teardown also on failure: backends first (their clients), then the broker.
  const teardown = async () => {
    for (const stop of stops.reverse()) {
      await stop().catch(e => log(`teardown: ${(e as Error).message}`));
    }
  };
  try {
    log(`starting Kafka on 127.0.0.1:${kafkaPort}`);
    await kafka.up();
    stops.push(() => kafka.down());
    const fixtureStarted = performance.now();
    const fixture = await buildKafkaFixture(kafka.brokers, shape);
    log(
      `fixture: ${shape.topics} topics x ${shape.partitionsPerTopic} partitions, ` +
        `${shape.topics} groups in ${Math.round(
          (performance.now() - fixtureStarted) / 1000,
        )} s`,
    );
    log(`fixture steps (ms): ${JSON.stringify(fixture)}`);
    const expectedLag = expectedGroupLag(shape);
    const baselineRssMb = rssMb();

    // --- Plinth ------------------------------------------------------------------------
    const plinth = await startPlinth(kafka.brokers);
    stops.push(() => plinth.backend.stop());
    const poll = () => plinth.scheduler.triggerTask('pipeline-health-poll');
    await plinth.scheduler.triggerTask('pipeline-health-catalog-scan');
    const loop = startPollLoop(poll);
    stops.push(() => loop.stop());
    log(`Plinth: ${idlePolls} poll cycles every ${POLL_INTERVAL_MS / 1000} s`);
    await loop.cyclesIn('idle', idlePolls);
    const rssAfterPollsMb = rssMb();
    const heapAfterPollsMb = heapMb();

    // Correctness first: every group's lag as produced minus committed.
    const list = await getJson<PipelineList>(
      `${plinth.base}/pipeline-health/v1/pipelines`,
    );
    for (const p of list.pipelines) {
      const want = expectedLag * (p.kafka?.groups.length ?? Number.NaN);
      if (p.kafka?.lag?.offsetLag !== want) {
        throw new Error(
          `Plinth reports lag ${p.kafka?.lag?.offsetLag} for ${p.id}, expected ${want}`,
        );
      }
    }
    const partitionsTracked = list.pipelines.reduce(
      (n, p) => n + (p.kafka?.lag?.partitionCount ?? 0),
      0,
    );

    loop.setPhase('api');
    log(`Plinth API: ${samples} sequential requests per route`);
    const plinthApi = {
      // The floor under every route: same server, same client, no authentication, permission
      // check, audit event or answer. What a route costs above it is the route's own.
      httpFloorHealth: await measure(
        () => `${plinth.base}/pipeline-health/v1/health`,
      ),
      pipelines: await measure(
        () => `${plinth.base}/pipeline-health/v1/pipelines`,
      ),
      pipeline: await measure(
        i =>
          `${plinth.base}/pipeline-health/v1/pipelines/${pipelineId(
            i % pipelineCount,
          )}`,
      ),
      groupPartitions: await measure(i => {
        const g = i % shape.topics;
        return `${plinth.base}/pipeline-health/v1/pipelines/${pipelineOfGroup(
          g,
        )}/groups/${groupName(g)}/partitions`;
      }),
      componentView: await measure(
        i =>
          `${
            plinth.base
          }/pipeline-health/v1/entities/component/default/${componentName(
            i % shape.topics,
          )}`,
      ),
    };
    const detail = await getJson<PipelineDetail>(
      `${plinth.base}/pipeline-health/v1/pipelines/${pipelineId(0)}`,
    );
    const partitions = await getJson<ConsumerGroupPartitions>(
      `${plinth.base}/pipeline-health/v1/pipelines/${pipelineId(
        0,
      )}/groups/${groupName(0)}/partitions`,
    );
    const entity = await getJson<EntityPipelineHealth>(
      `${
        plinth.base
      }/pipeline-health/v1/entities/component/default/${componentName(0)}`,
    );
    if (
      entity.consumerGroups[0]?.offsetLag !== expectedLag ||
      partitions.partitions.length !== shape.partitionsPerTopic
    ) {
      throw new Error(
        `Plinth's component view or partitions disagree with the fixture: ${JSON.stringify(
          {
            entity: entity.consumerGroups[0],
            partitions: partitions.partitions.length,
          },
        )}`,
      );
    }
    const rssAfterPlinthApiMb = rssMb();

    // --- The community plugin, same broker, same component views ------------------------
    loop.setPhase('peer');
    const peer = await startPeer(kafka.brokers);
    stops.push(() => peer.backend.stop());
    const peerUrl = (i: number) =>
      `${peer.base}/kafka/consumers/${CLUSTER}/${groupName(
        i % shape.topics,
      )}/offsets`;
    type PeerAnswer = {
      offsets: Array<{ groupOffset: string; topicOffset: string }>;
    };
    const first = await getJson<PeerAnswer>(peerUrl(0));
    const peerLag = first.offsets.reduce(
      (n, o) => n + Number(o.topicOffset) - Number(o.groupOffset),
      0,
    );
    if (peerLag !== expectedLag) {
      throw new Error(
        `The peer reports lag ${peerLag}, expected ${expectedLag}`,
      );
    }
    log(`peer: ${samples} sequential component views`);
    const peerBefore = trafficSnapshot(PEER_CLIENT_ID);
    const peerComponentView = await measure(peerUrl);
    const peerTraffic = trafficBetween(
      peerBefore,
      trafficSnapshot(PEER_CLIENT_ID),
    );
    const plinthTrafficDuringApi = loop.cycles
      .filter(c => c.phase === 'api')
      .reduce((n, c) => n + c.requests, 0);
    const rssEndMb = rssMb();
    await loop.stop();

    let freshData: unknown = 'not measured (run with --page)';
    if (withPage) {
      log(
        `Pipelines page in Chromium: ${pageRuns} cold and ${pageRuns} warm visits`,
      );
      // The API and poll figures are worth keeping when the browser phase fails.
      freshData = await measureFreshData({
        pipelineHealth: plinthConfig(kafka.brokers).pipelineHealth,
        lastPipelineId: pipelineId(pipelineCount - 1),
        runs: pageRuns,
        log,
      }).catch(error => ({ error: (error as Error).message }));
    }

    const idle = loop.cycles.filter(c => c.phase === 'idle');
    const report = {
      startedAt: startedAt.toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        totalMemGiB: +(os.totalmem() / 1024 ** 3).toFixed(1),
        node: process.version,
        loadAverage: { ...load, end: os.loadavg().map(l => +l.toFixed(2)) },
      },
      kafka: {
        brokers: 1,
        topics: shape.topics,
        partitions: shape.topics * shape.partitionsPerTopic,
        consumerGroups: shape.topics,
        expectedLagPerGroup: expectedLag,
        fixtureMs: fixture,
        setupClient: SETUP_CLIENT_ID,
      },
      plinth: {
        pipelines: pipelineCount,
        groupsPerPipeline,
        partitionsTracked,
        pollIntervalMs: POLL_INTERVAL_MS,
        permission:
          'real permission backend + Plinth policy (permission.enabled: true)',
        idle: cycleStats(idle),
        duringApiLoad: cycleStats(loop.cycles.filter(c => c.phase === 'api')),
        duringPeerLoad: cycleStats(loop.cycles.filter(c => c.phase === 'peer')),
        firstCycleMs: Math.round(loop.cycles[0].ms),
        kafkaRequestsByApiLastIdleCycle: idle[idle.length - 1]?.byApi,
        apiMs: plinthApi,
        kafkaRequestsWhileServingApi: plinthTrafficDuringApi,
        answerBytes: {
          pipelineDetail: JSON.stringify(detail).length,
          groupPartitions: JSON.stringify(partitions).length,
          componentView: JSON.stringify(entity).length,
        },
      },
      peer: {
        package: '@backstage-community/plugin-kafka-backend@0.12.0 (/alpha)',
        route: 'GET /api/kafka/consumers/:clusterId/:consumerId/offsets',
        componentViewMs: peerComponentView,
        kafka: {
          requests: peerTraffic.requests,
          connectionsOpened: peerTraffic.connections,
          requestsPerView: +(peerTraffic.requests / samples).toFixed(1),
          connectionsPerView: +(peerTraffic.connections / samples).toFixed(1),
          byApi: peerTraffic.byApi,
        },
      },
      componentViewRatio: {
        p50: +(peerComponentView.p50! / plinthApi.componentView.p50!).toFixed(
          1,
        ),
        p95: +(peerComponentView.p95! / plinthApi.componentView.p95!).toFixed(
          1,
        ),
      },
      processRssMb: {
        note: 'one process: bench client, Kafka setup client, Plinth backend, then the peer backend',
        baselineBeforeBackends: baselineRssMb,
        afterPlinthPolls: rssAfterPollsMb,
        afterPlinthApi: rssAfterPlinthApiMb,
        end: rssEndMb,
        plinthHeapUsedAfterPollsMb: heapAfterPollsMb,
      },
      freshDataOnScreen: freshData,
      samples,
      wallSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await teardown();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);

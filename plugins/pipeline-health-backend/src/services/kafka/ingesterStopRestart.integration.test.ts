import { mockServices } from '@backstage/backend-test-utils';
import { eventually } from '@plinth/testing';
// The pipeline's test infrastructure is not part of its public exports: it only runs from
// the source tree, as in the pipeline's own integration tests.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import {
  CliProcess,
  spawnCli,
  TestClickHouse,
  TestKafka,
} from '@plinth/event-pipeline/src/testing/infra';
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import {
  ingesterArgs,
  PipelineTarget,
  startProducing,
} from '@plinth/event-pipeline/src/testing/pipeline';
import type { ClickHouseClient } from '@clickhouse/client';
import type { ConsumerGroupHealth } from '@plinth/plugin-pipeline-health-common';
import { readPipelineHealthConfig } from '../../config';
import { createKafkaCollectors } from './createKafkaCollectors';
import type { KafkaLagCollector } from './KafkaLagCollector';

/*
 * Issue 9: "stop the ingester -> STALLED then STOPPED, restart -> OK", with the reference
 * pipeline's real ingester (its CLI as its own process, as `yarn ingester` and
 * infra/pipeline/demo.sh run it) on the project's Kafka and ClickHouse (test ports), the
 * real load generator producing throughout, and the collector the plugin builds from config.
 *
 * "Stop" is a crash (SIGKILL): the dead member keeps its partitions until its session
 * times out (SESSION_TIMEOUT below), so the rules in
 * evaluatePartitionStatus.ts give STALLED (commits-stuck: members, no commits) and then
 * STOPPED (no-members) once the broker has dropped it. stoppedAfterMs is set far beyond the
 * test so that STOPPED comes from the group losing its member, not from the age of the
 * commits (that rule has its own test in KafkaLagCollector.integration.test.ts). A graceful
 * stop leaves the group at once, so it goes straight to STOPPED.
 */
jest.setTimeout(300_000);

// Ports no other test or benchmark uses: 29792 broker, 29793 controller; ClickHouse
// 28373 HTTP, 28374 TCP, 28375 interserver. Loopback only.
const kafka = new TestKafka('it-ph-ingester-b1-p29792', 29792, 1);
const clickhouse = new TestClickHouse('it-ph-ingester-p28373', 28373);
const TOPIC = 'ph-ingester';
const GROUP = 'ph-ingester-group';
const PARTITIONS = 3;
// The judgement window: 4 polls of ~250 ms (eventually's interval plus the poll itself).
const STATUS_WINDOW = 4;
// STALLED lasts from STATUS_WINDOW polls after the last commit until the broker evicts the
// dead member. With the pipeline test flags' 6 s session (2 s heartbeats) that is 4-6 s
// after the kill, and on a loaded 2-core CI machine four polls (each a few Kafka admin
// requests) can take longer, so STALLED would never be seen. 30 s (the CLI's default)
// leaves STALLED up for ~25 s; the later flag wins over ingesterArgs' '6s'.
const SESSION_TIMEOUT = '30s';

let ch: ClickHouseClient | undefined;
let target: PipelineTarget;
let collector: KafkaLagCollector | undefined;
const running = new Set<CliProcess>();

function logger() {
  const mock = mockServices.logger.mock();
  mock.child.mockReturnValue(mock);
  return mock;
}

/** The ingester as a user starts it, consuming the topic as GROUP. */
async function startIngester(): Promise<CliProcess> {
  const ingester = spawnCli(
    'ingester',
    ingesterArgs(target, GROUP, [
      '--stats-interval',
      '0s',
      '--session-timeout',
      SESSION_TIMEOUT,
    ]),
    {},
  );
  running.add(ingester);
  void ingester.exited.then(() => running.delete(ingester));
  await ingester.waitFor('ingester started', 90_000);
  return ingester;
}

/** Aborts when the ingester exits, with its last output: no use waiting for a dead one. */
function whileRunning(ingester: CliProcess): AbortSignal {
  const controller = new AbortController();
  void ingester.exited.then(code =>
    controller.abort(
      new Error(
        `the ingester exited (${code}):\n${ingester.output().slice(-2000)}`,
      ),
    ),
  );
  return controller.signal;
}

/**
 * Polls the collector (as the plugin's scheduler does) until GROUP's health meets the whole
 * condition: every one of the topic's partitions judged `status`.
 */
function groupBecomes(
  status: ConsumerGroupHealth['status'],
  what: string,
  options: { timeoutMs?: number; signal?: AbortSignal; members?: number } = {},
): Promise<ConsumerGroupHealth> {
  return eventually(
    what,
    async () => {
      await collector!.poll();
      return collector!.snapshot().groups.get(GROUP)?.health;
    },
    {
      until: (health): health is ConsumerGroupHealth =>
        health?.partitionCount === PARTITIONS &&
        health.status === status &&
        health.statusCounts[status] === PARTITIONS &&
        // Group members come from a cached describe (30 s TTL): wait for them too.
        (options.members === undefined || health.members === options.members),
      timeoutMs: options.timeoutMs ?? 60_000,
      signal: options.signal,
    },
  );
}

beforeAll(async () => {
  await Promise.all([kafka.up(), clickhouse.up()]);
  const admin = await kafka.admin();
  try {
    await admin.createTopics([
      { topic: TOPIC, partitions: PARTITIONS, replicationFactor: 1 },
      { topic: `${TOPIC}-dlq`, partitions: 1, replicationFactor: 1 },
    ]);
  } finally {
    await admin.disconnect();
  }
  ch = clickhouse.client();
  target = {
    brokers: kafka.brokers,
    topic: TOPIC,
    deadLetterTopic: `${TOPIC}-dlq`,
    clickhouseUrl: clickhouse.url,
    tables: await clickhouse.createTables(ch, 'ph_ingester'),
  };

  const config = readPipelineHealthConfig(
    mockServices.rootConfig({
      data: {
        pipelineHealth: {
          // Group states (members) read every second, so the eviction shows quickly.
          groupStateInterval: '1s',
          kafkaRequestTimeout: '5s',
          clusters: { local: { brokers: kafka.brokers } },
        },
      },
    }),
  );
  collector = createKafkaCollectors(config, logger(), {
    statusWindow: STATUS_WINDOW,
    stoppedAfterMs: 10 * 60_000,
  }).get('local')!;
  collector.setTrackedGroups([GROUP]);
}, 300_000);

afterAll(async () => {
  for (const ingester of running) {
    ingester.child.kill('SIGKILL');
    await ingester.exited;
  }
  await collector?.close().catch(() => undefined);
  await ch?.close().catch(() => undefined);
  await Promise.all([kafka.down(), clickhouse.down()]);
}, 300_000);

describe('pipeline health of the reference ingester', () => {
  it('judges its group OK, STALLED then STOPPED once it is killed while events keep coming, and OK again after a restart', async () => {
    const producing = await startProducing(target, {
      rate: 60,
      source: 'pipeline-health-it',
    });
    try {
      let ingester = await startIngester();
      const consuming = await groupBecomes(
        'OK',
        'the running ingester to be OK on every partition, as the one member',
        { signal: whileRunning(ingester), members: 1 },
      );
      expect(consuming.members).toBe(1);

      ingester.child.kill('SIGKILL');
      expect(await ingester.exited).toBe('SIGKILL');

      const stalled = await groupBecomes(
        'STALLED',
        'the killed ingester to be STALLED on every partition (its member not yet evicted)',
      );
      // The broker still counts the dead member until its session times out.
      expect(stalled.members).toBe(1);
      expect(stalled.offsetLag).toBeGreaterThan(0);

      const stopped = await groupBecomes(
        'STOPPED',
        'the killed ingester to be STOPPED on every partition once its member is gone',
      );
      expect(stopped.members).toBe(0);
      // Events kept arriving while nobody consumed them.
      expect(stopped.offsetLag).toBeGreaterThan(stalled.offsetLag);

      ingester = await startIngester();
      const restarted = await groupBecomes(
        'OK',
        'the restarted ingester to be OK on every partition',
        { timeoutMs: 90_000, signal: whileRunning(ingester) },
      );
      expect(restarted.members).toBe(1);

      // A graceful stop commits what was inserted and exits 0.
      ingester.child.kill('SIGTERM');
      expect(await ingester.exited).toBe(0);
    } finally {
      producing.stop();
      await producing.report;
    }
  });
});

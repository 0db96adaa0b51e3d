import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { mockServices } from '@backstage/backend-test-utils';
// The pipeline's test infrastructure is not part of its public exports: it only runs from
// the source tree, as in the pipeline's own integration tests.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import {
  TestKafka,
  eventually,
} from '@plinth/event-pipeline/src/testing/infra';
import { Consumer, Kafka, logLevel } from 'kafkajs';
import { readPipelineHealthConfig } from '../../config';
import { KafkaLagCollector } from './KafkaLagCollector';
import { KafkajsAdminPort } from './KafkajsAdminPort';
import { createKafkaCollectors } from './createKafkaCollectors';
import { DelayingTcpProxy } from './testing/DelayingTcpProxy';
import {
  installKafkaRequestCounter,
  trafficBetween,
  trafficSnapshot,
} from './testing/kafkaRequestCounter';

// Counts every request on the wire per client id (kafkajs' Connection), independently of the
// admin port's own count: the figures asserted below are measured, not assumed.
installKafkaRequestCounter();

// One single-broker cluster for this file, on ports no other test uses (29392 broker,
// 29393 controller), loopback only.
const kafka = new TestKafka('it-b1-p29392', 29392, 1);
const POLL_MS = 250;

let testAdmin: Awaited<ReturnType<TestKafka['admin']>>;
const client = new Kafka({
  clientId: 'pipeline-health-it',
  brokers: kafka.brokers,
  logLevel: logLevel.NOTHING,
});
const cleanups: Array<() => Promise<unknown>> = [];

function logger() {
  const mock = mockServices.logger.mock();
  mock.child.mockReturnValue(mock);
  return mock;
}

/** The collector the plugin would build from this config, with a short status window. */
function collectorFor(
  groups: string[],
  extraTopics?: Record<string, string[]>,
) {
  const config = readPipelineHealthConfig(
    mockServices.rootConfig({
      data: {
        pipelineHealth: {
          groupStateInterval: '1s',
          kafkaRequestTimeout: '2s',
          clusters: { local: { brokers: kafka.brokers } },
        },
      },
    }),
  );
  const collector = createKafkaCollectors(config, logger(), {
    statusWindow: 4,
    stoppedAfterMs: 4_000,
  }).get('local')!;
  collector.setTrackedGroups(groups, extraTopics);
  cleanups.push(() => collector.close());
  return collector;
}

/** What the plugin's scheduler does: poll, wait the interval, poll again. */
function pollEvery(collector: KafkaLagCollector, intervalMs: number) {
  let running = true;
  const loop = (async () => {
    while (running) {
      await collector.poll();
      await sleep(intervalMs);
    }
  })();
  const stop = async () => {
    running = false;
    await loop;
  };
  cleanups.push(stop);
  return stop;
}

/** Produces one message per partition every `everyMs`, remembering each one's timestamp. */
function produceSteadily(topic: string, partitions: number, everyMs: number) {
  const producer = client.producer();
  const timestamps = Array.from(
    { length: partitions },
    () => new Map<number, number>(),
  );
  let running = true;
  const loop = (async () => {
    await producer.connect();
    while (running) {
      const timestamp = Date.now();
      const results = await producer.send({
        topic,
        acks: -1,
        messages: timestamps.map((_, partition) => ({
          partition,
          value: `event-${timestamp}`,
          timestamp: String(timestamp),
        })),
      });
      for (const r of results) {
        timestamps[r.partition].set(Number(r.baseOffset), timestamp);
      }
      await sleep(everyMs);
    }
    await producer.disconnect();
  })();
  const stop = async () => {
    running = false;
    await loop;
  };
  cleanups.push(stop);
  return { timestamps, stop };
}

/** A consumer group member that commits after every batch, like the ingester. */
async function startConsumer(groupId: string, topic: string) {
  const consumer = client.consumer({
    groupId,
    sessionTimeout: 10_000,
    heartbeatInterval: 500,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({ eachMessage: async () => undefined });
  cleanups.push(() => consumer.disconnect());
  return consumer;
}

async function createTopic(topic: string, partitions: number) {
  await testAdmin.createTopics([{ topic, partitions, replicationFactor: 1 }]);
}

/** `messages` per partition on each topic, then every group `g` commits `committed` on topic `g`. */
async function fillTopics(
  topics: string[],
  partitions: number,
  messages: number,
  committed: number,
) {
  await testAdmin.createTopics(
    topics.map(topic => ({ topic, partitions, replicationFactor: 1 })),
  );
  // Idempotent: under load a timed-out produce is retried, and a plain producer then writes
  // the batch twice (seen: 8 messages per partition instead of 4).
  const producer = client.producer({
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  await producer.sendBatch({
    acks: -1,
    topicMessages: topics.map(topic => ({
      topic,
      messages: Array.from({ length: partitions * messages }, (_, i) => ({
        partition: i % partitions,
        value: `event-${i}`,
      })),
    })),
  });
  await producer.disconnect();
  const setup = client.admin();
  await setup.connect();
  // In parallel: each setOffsets is a few round trips to the group coordinator.
  await Promise.all(
    topics.map(topic =>
      setup.setOffsets({
        groupId: `${topic}-group`,
        topic,
        partitions: Array.from({ length: partitions }, (_, partition) => ({
          partition,
          offset: String(committed),
        })),
      }),
    ),
  );
  return setup;
}

/** An admin port with its own client id, so its requests can be told apart on the wire. */
function countedAdmin(clientId: string) {
  const cluster = { name: 'local', brokers: kafka.brokers, clientId };
  const admin = new KafkajsAdminPort({
    cluster,
    requestTimeoutMs: 5_000,
    logger: logger(),
  });
  cleanups.push(() => admin.close());
  return { cluster, admin };
}

const groupOf = (collector: KafkaLagCollector, group: string) =>
  collector.snapshot().groups.get(group);

beforeAll(async () => {
  await kafka.up();
  testAdmin = await kafka.admin();
}, 180_000);

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch(() => undefined);
  }
});

afterAll(async () => {
  await testAdmin?.disconnect().catch(() => undefined);
  await kafka.down();
}, 120_000);

describe('KafkaLagCollector on a real broker', () => {
  it('reports an offset lag of exactly N-M per partition after a group consumed M of N', async () => {
    const topic = 'lag-exact';
    const groupId = 'it-lag-exact';
    const N = 500;
    const M = 200;
    const partitions = 4;
    await createTopic(topic, partitions);
    const producer = client.producer();
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: N * partitions }, (_, i) => ({
        partition: i % partitions,
        value: `event-${i}`,
      })),
    });
    await producer.disconnect();

    // Consumes the first M messages of each partition, commits exactly M, and pauses there.
    const consumer: Consumer = client.consumer({
      groupId,
      maxWaitTimeInMs: 100,
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch }) => {
        const first = Number(batch.firstOffset() ?? M);
        const last = Math.min(Number(batch.lastOffset()), M - 1);
        if (first < M && last >= first) {
          await consumer.commitOffsets([
            { topic, partition: batch.partition, offset: String(last + 1) },
          ]);
        }
        if (last === M - 1 || first >= M) {
          consumer.pause([{ topic, partitions: [batch.partition] }]);
        }
      },
    });
    cleanups.push(() => consumer.disconnect());

    const collector = collectorFor([groupId]);
    const expected = Array.from({ length: partitions }, (_, partition) => ({
      topic,
      partition,
      endOffset: N,
      committedOffset: M,
      offsetLag: N - M,
    }));
    await eventually(
      `every partition of ${topic} to show ${N - M} messages of lag`,
      async () => {
        await collector.poll();
        return groupOf(collector, groupId)?.partitions;
      },
      {
        until: rows =>
          JSON.stringify(
            rows?.map(
              ({
                topic: t,
                partition,
                endOffset,
                committedOffset,
                offsetLag,
              }) => ({
                topic: t,
                partition,
                endOffset,
                committedOffset,
                offsetLag,
              }),
            ),
          ) === JSON.stringify(expected),
        timeoutMs: 30_000,
      },
    );
    await consumer.disconnect();

    await collector.poll();
    const { health, partitions: rows } = groupOf(collector, groupId)!;
    expect(rows.map(r => r.offsetLag)).toEqual([300, 300, 300, 300]);
    expect(health).toMatchObject({
      offsetLag: partitions * (N - M),
      partitionCount: partitions,
      topics: [topic],
    });
    expect(collector.snapshot().topics.get(topic)).toMatchObject({
      offsetLag: partitions * (N - M),
      groups: [groupId],
    });
    const { source, requestsLastPoll } = collector.snapshot();
    expect(source.state).toBe('ok');
    // One group on one topic costs a handful of broker requests per cycle, however many
    // partitions: FindCoordinator + OffsetFetch for the group, two ListOffsets (end and
    // start) for the topic, FindCoordinator + DescribeGroups when states are due, and now
    // and then a metadata refresh. 7 were measured.
    expect(requestsLastPoll).toBeGreaterThan(0);
    expect(requestsLastPoll).toBeLessThanOrEqual(10);
  }, 60_000);

  it('reports STALLED, then STOPPED, when the group stops committing, and OK once it consumes again', async () => {
    const topic = 'lag-status';
    const groupId = 'it-lag-status';
    await createTopic(topic, 3);
    produceSteadily(topic, 3, 100);
    const consumer = await startConsumer(groupId, topic);
    const collector = collectorFor([groupId]);
    pollEvery(collector, POLL_MS);
    const statusIs = (status: string) => async () => {
      const group = groupOf(collector, groupId);
      return group?.health.partitionCount === 3 &&
        group.health.status === status
        ? group.health
        : undefined;
    };

    await eventually('the consuming group to be OK', statusIs('OK'), {
      until: health => health !== undefined,
    });
    // Paused, the member stays in the group (it heartbeats) but commits nothing.
    consumer.pause([{ topic }]);
    const stalled = await eventually(
      'the paused group to be STALLED on every partition',
      statusIs('STALLED'),
      { until: health => health?.statusCounts.STALLED === 3 },
    );
    expect(stalled!.members).toBe(1);
    expect(stalled!.offsetLag).toBeGreaterThan(0);
    await eventually(
      'the group to be STOPPED on every partition once commits are 4 s old',
      statusIs('STOPPED'),
      { until: health => health?.statusCounts.STOPPED === 3 },
    );

    consumer.resume([{ topic }]);
    await eventually(
      'the resumed group to be OK on every partition',
      statusIs('OK'),
      { until: health => health?.statusCounts.OK === 3 },
    );
  }, 60_000);

  it('estimates lag in seconds within one poll interval plus slack of the true age of the oldest unconsumed message', async () => {
    const topic = 'lag-seconds';
    const groupId = 'it-lag-seconds';
    await createTopic(topic, 2);
    const { timestamps } = produceSteadily(topic, 2, 50);
    const consumer = await startConsumer(groupId, topic);
    const collector = collectorFor([groupId]);
    pollEvery(collector, POLL_MS);
    await eventually(
      'the group to consume',
      async () => groupOf(collector, groupId)?.health,
      {
        until: health => health?.partitionCount === 2 && health.status === 'OK',
      },
    );

    consumer.pause([{ topic }]);
    const snapshot = await eventually(
      'an interpolated lag of at least 3 s on both partitions',
      async () => collector.snapshot(),
      {
        until: s =>
          s.groups
            .get(groupId)
            ?.partitions.every(
              p =>
                p.lagSecondsMethod === 'interpolated' &&
                (p.lagSeconds ?? 0) >= 3,
            ) ?? false,
      },
    );

    // The documented bound: the distance between the two end-offset samples around the
    // committed offset, one poll interval (250 ms) plus the poll's own duration. The
    // tolerance adds room for timer delays on a loaded 2-core machine.
    const toleranceSeconds = 1;
    const polledAt = Date.parse(snapshot.polledAt!);
    for (const p of snapshot.groups.get(groupId)!.partitions) {
      const producedAt = timestamps[p.partition].get(p.committedOffset!);
      expect(producedAt).toBeDefined();
      const trueAgeSeconds = (polledAt - producedAt!) / 1000;
      expect(Math.abs(p.lagSeconds! - trueAgeSeconds)).toBeLessThanOrEqual(
        toleranceSeconds,
      );
    }
  }, 60_000);

  it('ends a poll within the request timeout when the broker answers slowly, reports it, and recovers', async () => {
    const topic = 'lag-slow';
    const groupId = 'it-lag-slow';
    await createTopic(topic, 1);
    const producer = client.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: Array.from({ length: 10 }, (_, i) => ({ value: `event-${i}` })),
    });
    await producer.disconnect();
    const setup = client.admin();
    await setup.connect();
    await setup.setOffsets({
      groupId,
      topic,
      partitions: [{ partition: 0, offset: '4' }],
    });
    await setup.disconnect();

    const [host, port] = kafka.brokers[0].split(':');
    const proxy = await DelayingTcpProxy.start({ host, port: Number(port) });
    cleanups.push(() => proxy.stop());
    const requestTimeoutMs = 1_000;
    const cluster = {
      name: 'local',
      brokers: kafka.brokers,
      clientId: 'plinth-pipeline-health-it',
    };
    const log = logger();
    const collector = new KafkaLagCollector({
      cluster,
      logger: log,
      groupStateIntervalMs: 60_000,
      admin: new KafkajsAdminPort({
        cluster,
        requestTimeoutMs,
        logger: log,
        // Every connection, the bootstrap and the one to the broker the metadata names,
        // goes through the proxy.
        socketFactory: ({ onConnect }) =>
          net.connect({ host: '127.0.0.1', port: proxy.port }, onConnect),
      }),
    });
    cleanups.push(() => collector.close());
    collector.setTrackedGroups([groupId]);

    await collector.poll();
    const healthy = collector.snapshot();
    expect(healthy.source.state).toBe('ok');
    expect(healthy.groups.get(groupId)!.health.offsetLag).toBe(6);

    proxy.setDelay(3 * requestTimeoutMs);
    const started = Date.now();
    await collector.poll();
    const took = Date.now() - started;

    // The timeout plus slack for the event loop; not the 3 s the broker takes.
    expect(took).toBeLessThan(requestTimeoutMs + 700);
    const slow = collector.snapshot();
    expect(slow.source).toEqual({
      state: 'unavailable',
      lastSuccessAt: healthy.polledAt,
      error: expect.stringContaining(
        `Kafka cluster "local" (${kafka.brokers[0]}) did not answer within ${requestTimeoutMs} ms`,
      ),
    });
    // The last numbers stay, dated by the poll that produced them.
    expect(slow.polledAt).toBe(healthy.polledAt);
    expect(slow.groups.get(groupId)!.health.offsetLag).toBe(6);

    proxy.setDelay(0);
    await eventually(
      'the collector to read the cluster again',
      async () => {
        await collector.poll();
        return collector.snapshot();
      },
      {
        until: s => s.source.state === 'ok' && s.polledAt !== healthy.polledAt,
      },
    );
    expect(groupOf(collector, groupId)!.health.offsetLag).toBe(6);
  }, 60_000);

  it('names a consumer group that does not exist on the cluster', async () => {
    const collector = collectorFor(['it-no-such-group']);
    await collector.poll();
    const { source, groups } = collector.snapshot();
    expect(source.state).toBe('ok');
    expect(groups.get('it-no-such-group')!.health).toMatchObject({
      status: 'ERROR',
      state: 'Dead',
      members: 0,
      problem:
        'consumer group "it-no-such-group" has no committed offsets and no members on Kafka cluster "local": check its name in the kafka.apache.org/consumer-groups annotation (cluster/group) or in pipelineHealth.pipelines[].consumerGroups',
    });
  }, 30_000);

  it('keeps the Kafka requests of a cycle bounded: one ListOffsets for all topics, one OffsetFetch per group, no coordinator lookups once cached', async () => {
    const topics = Array.from({ length: 12 }, (_, i) => `bounded-${i}`);
    const groups = topics.map(t => `${t}-group`);
    await (await fillTopics(topics, 3, 5, 3)).disconnect();
    const clientId = 'plinth-it-bounded';
    const { cluster, admin } = countedAdmin(clientId);
    const collector = new KafkaLagCollector({
      cluster,
      admin,
      logger: logger(),
      groupStateIntervalMs: 60_000,
    });
    collector.setTrackedGroups(groups);
    const cycle = async () => {
      const before = trafficSnapshot(clientId);
      await collector.poll();
      return trafficBetween(before, trafficSnapshot(clientId));
    };

    const first = await cycle();
    // Cold: connect, metadata, one coordinator lookup per group, the group states.
    expect(first.byApi.ListOffsets).toBeLessThanOrEqual(2);
    expect(first.byApi.GroupCoordinator).toBe(groups.length);
    expect(first.byApi.OffsetFetch).toBe(groups.length);
    expect(first.byApi.DescribeGroups).toBe(1);
    expect(first.requests).toBeLessThanOrEqual(3 * groups.length + 10);

    for (let i = 0; i < 2; i++) {
      const steady = await cycle();
      expect(steady.byApi).toEqual({
        OffsetFetch: groups.length,
        ListOffsets: 1,
      });
      expect(steady.connections).toBe(0);
      // The port's own count (what the page reports) is the count on the wire.
      expect(collector.snapshot().requestsLastPoll).toBe(steady.requests);
    }
    const { source, groups: snapshot } = collector.snapshot();
    expect(source.state).toBe('ok');
    // The end offsets as kafkajs' public admin reads them (at least 5 per partition: a
    // producer retry under load may have written a message twice), minus the 3 committed.
    const check = client.admin();
    await check.connect();
    cleanups.push(() => check.disconnect());
    for (const topic of topics) {
      const ends = await check.fetchTopicOffsets(topic);
      expect(snapshot.get(`${topic}-group`)!.health.offsetLag).toBe(
        ends.reduce((n, e) => n + Number(e.high) - 3, 0),
      );
    }
  }, 120_000);
});

describe('the kafkajs internals KafkajsAdminPort relies on (kafkajsCluster.ts)', () => {
  // These fail when a kafkajs upgrade changes the Cluster class or its requests.
  it('reads end and log start offsets of many topics in one ListOffsets each, and names a topic that does not exist', async () => {
    const topics = ['internals-a', 'internals-b', 'internals-c'];
    const setup = await fillTopics(topics, 2, 4, 1);
    await setup.deleteTopicRecords({
      topic: 'internals-b',
      partitions: [{ partition: 1, offset: '3' }],
    });
    await setup.disconnect();
    const clientId = 'plinth-it-internals-offsets';
    const { admin } = countedAdmin(clientId);
    await admin.fetchTopicOffsets(topics, 'end');

    const before = trafficSnapshot(clientId);
    const ends = await admin.fetchTopicOffsets(topics, 'end');
    const starts = await admin.fetchTopicOffsets(topics, 'start');
    expect(trafficBetween(before, trafficSnapshot(clientId)).byApi).toEqual({
      ListOffsets: 2,
    });
    const twoPartitions = (a: number, b: number) => [
      { partition: 0, offset: a },
      { partition: 1, offset: b },
    ];
    expect(ends).toEqual(
      topics.map(topic => ({ topic, partitions: twoPartitions(4, 4) })),
    );
    expect(starts).toEqual([
      { topic: 'internals-a', partitions: twoPartitions(0, 0) },
      { topic: 'internals-b', partitions: twoPartitions(0, 3) },
      { topic: 'internals-c', partitions: twoPartitions(0, 0) },
    ]);

    const withMissing = await admin.fetchTopicOffsets(
      ['internals-a', 'internals-missing'],
      'end',
    );
    expect(withMissing[0]).toEqual({
      topic: 'internals-a',
      partitions: twoPartitions(4, 4),
    });
    expect(withMissing[1].error?.message).toMatch(
      /topic "internals-missing" does not exist/,
    );
    // The unknown topic does not poison later reads.
    expect(await admin.fetchTopicOffsets(['internals-c'], 'end')).toEqual([
      { topic: 'internals-c', partitions: twoPartitions(4, 4) },
    ]);
  }, 60_000);

  it('looks a group coordinator up once, then sends only OffsetFetch, and describes many groups in one request', async () => {
    await (
      await fillTopics(['internals-d', 'internals-e'], 1, 4, 2)
    ).disconnect();
    const clientId = 'plinth-it-internals-groups';
    const { admin } = countedAdmin(clientId);

    const started = trafficSnapshot(clientId);
    const first = await admin.fetchCommittedOffsets('internals-d-group');
    expect(
      trafficBetween(started, trafficSnapshot(clientId)).byApi.GroupCoordinator,
    ).toBe(1);
    expect(first).toEqual([
      { topic: 'internals-d', partitions: [{ partition: 0, offset: 2 }] },
    ]);

    const before = trafficSnapshot(clientId);
    await admin.fetchCommittedOffsets('internals-d-group');
    const states = await admin.describeGroups([
      'internals-d-group',
      'internals-e-group',
      'internals-no-such-group',
    ]);
    expect(trafficBetween(before, trafficSnapshot(clientId)).byApi).toEqual({
      OffsetFetch: 1,
      // The two groups not looked up yet; then one DescribeGroups for all three.
      GroupCoordinator: 2,
      DescribeGroups: 1,
    });
    expect(states).toEqual([
      { groupId: 'internals-d-group', state: 'Empty', members: 0 },
      { groupId: 'internals-e-group', state: 'Empty', members: 0 },
      { groupId: 'internals-no-such-group', state: 'Dead', members: 0 },
    ]);
    expect(
      await admin.fetchCommittedOffsets('internals-no-such-group'),
    ).toEqual([]);
  }, 60_000);
});

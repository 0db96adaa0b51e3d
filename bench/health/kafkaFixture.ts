/**
 * The bench's Kafka contents: `topics` topics of `partitionsPerTopic` partitions, one
 * consumer group per topic with offsets committed behind the end, so every partition's lag
 * is known before either plugin looks at it.
 */
import { Kafka, logLevel, type Admin } from 'kafkajs';

export type FixtureShape = { topics: number; partitionsPerTopic: number };

/** The setup client's id; the counter tells its traffic apart from the plugins'. */
export const SETUP_CLIENT_ID = 'plinth-bench-setup';

export const topicName = (i: number) => `bench-t${String(i).padStart(3, '0')}`;
export const groupName = (i: number) => `bench-g${String(i).padStart(3, '0')}`;

/** Messages produced into every partition. */
export const MESSAGES_PER_PARTITION = 5;
/**
 * The lag each group is left with in a partition. The group commits at the partition's
 * end offset minus this, read back after producing: a producer retry that wrote a batch
 * twice then changes nothing.
 */
export const lagIn = (partition: number) => 1 + (partition % 4);

/** Sum of the offset lag of the group that reads topic i (all its partitions). */
export function expectedGroupLag(shape: FixtureShape): number {
  let lag = 0;
  for (let p = 0; p < shape.partitionsPerTopic; p++) {
    lag += lagIn(p);
  }
  return lag;
}

async function inBatches<T>(
  items: T[],
  size: number,
  fn: (batch: T[]) => Promise<void>,
) {
  for (let i = 0; i < items.length; i += size) {
    await fn(items.slice(i, i + size));
  }
}

/** Resolves once every partition of `topics` has a leader; fails after two minutes. */
async function waitForLeaders(
  admin: Admin,
  topics: string[],
  partitionsPerTopic: number,
) {
  const deadline = Date.now() + 120_000;
  let last = 'no metadata yet';
  for (;;) {
    try {
      const { topics: meta } = await admin.fetchTopicMetadata({ topics });
      const led = meta.filter(
        t =>
          t.partitions.length === partitionsPerTopic &&
          t.partitions.every(p => p.leader >= 0),
      ).length;
      if (led === topics.length) {
        return;
      }
      last = `${led}/${topics.length} topics have a leader for every partition`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Topics ${topics[0]}..${
          topics[topics.length - 1]
        } have no leaders after 120 s: ${last}`,
      );
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

/** Creates, fills and commits; returns how long each step took (ms). */
export async function buildKafkaFixture(
  brokers: string[],
  shape: FixtureShape,
): Promise<{ createTopicsMs: number; produceMs: number; commitMs: number }> {
  const kafka = new Kafka({
    clientId: SETUP_CLIENT_ID,
    brokers,
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await admin.connect();
  await producer.connect();
  try {
    const indexes = Array.from({ length: shape.topics }, (_, i) => i);
    const partitions = Array.from(
      { length: shape.partitionsPerTopic },
      (_, p) => p,
    );

    // A single broker takes a few thousand partitions, but one huge CreateTopics request
    // times out on a 2-core machine: 20 topics (200 partitions) at a time.
    let started = Date.now();
    await inBatches(indexes, 20, async batch => {
      const topics = batch.map(topicName);
      await admin.createTopics({
        // kafkajs' own wait gives up after a few metadata retries on a loaded machine;
        // waitForLeaders below waits for the whole condition instead.
        waitForLeaders: false,
        timeout: 60_000,
        topics: topics.map(topic => ({
          topic,
          numPartitions: shape.partitionsPerTopic,
          replicationFactor: 1,
        })),
      });
      await waitForLeaders(admin, topics, shape.partitionsPerTopic);
    });
    const createTopicsMs = Date.now() - started;

    started = Date.now();
    await inBatches(indexes, 20, async batch => {
      await producer.sendBatch({
        acks: -1,
        topicMessages: batch.map(i => ({
          topic: topicName(i),
          messages: partitions.flatMap(p =>
            Array.from({ length: MESSAGES_PER_PARTITION }, (_, n) => ({
              partition: p,
              value: `bench ${i}/${p}/${n}`,
            })),
          ),
        })),
      });
    });
    const produceMs = Date.now() - started;

    // The groups have no members: setOffsets commits for an empty group, as a consumer
    // that read the first messages and stopped would have left it.
    started = Date.now();
    await inBatches(indexes, 25, async batch => {
      await Promise.all(
        batch.map(async i => {
          const ends = await admin.fetchTopicOffsets(topicName(i));
          await admin.setOffsets({
            groupId: groupName(i),
            topic: topicName(i),
            partitions: ends.map(e => ({
              partition: e.partition,
              offset: String(Number(e.high) - lagIn(e.partition)),
            })),
          });
        }),
      );
    });
    const commitMs = Date.now() - started;
    return { createTopicsMs, produceMs, commitMs };
  } finally {
    await producer.disconnect();
    await admin.disconnect();
  }
}

import { ClickHouseEventStore } from '../clickhouse/ClickHouseEventStore';
import { IngesterConfig } from '../config/IngesterConfig';
import {
  createKafka,
  KafkajsAdmin,
  KafkajsConsumer,
  KafkajsPublisher,
} from '../kafka/KafkajsEventLog';
import { Logger } from '../logging/Logger';
import { Backoff } from './Backoff';
import { BatchPolicy } from './BatchPolicy';
import { Ingester } from './Ingester';

export interface ConnectedIngester {
  ingester: Ingester;
  consumer: KafkajsConsumer;
}

/**
 * Wires an Ingester to the real Kafka and ClickHouse after a preflight, so a wrong address,
 * password, topic or table fails in seconds with a typed error instead of retrying forever.
 * Does not start consuming (call ingester.start()).
 */
export async function connectIngester(
  config: IngesterConfig,
  logger: Logger,
): Promise<ConnectedIngester> {
  const { kafka: k, clickhouse: ch } = config;
  const store = await ClickHouseEventStore.connect(
    {
      url: ch.url,
      username: ch.username,
      password: ch.password,
      database: ch.database,
      requestTimeoutMs: ch.requestTimeoutMs,
      application: 'plinth-ingester',
    },
    ch.tables,
  );
  try {
    const preflight = createKafka({
      brokers: k.brokers,
      clientId: 'plinth-ingester-preflight',
      logger,
      retries: 2,
    });
    const admin = await KafkajsAdmin.connect(preflight, k.brokers);
    try {
      await admin.requireTopics([k.topic, k.deadLetterTopic]);
    } finally {
      await admin.disconnect();
    }
    const kafka = createKafka({
      brokers: k.brokers,
      clientId: `plinth-ingester-${config.ingesterId}`,
      logger,
    });
    // Dead letters are rare and go to one partition: one producer is enough.
    const deadLetters = await KafkajsPublisher.connect(kafka, k.brokers, {
      lanes: 1,
    });
    const consumer = new KafkajsConsumer(kafka, k.brokers, {
      groupId: k.groupId,
      topic: k.topic,
      fromBeginning: k.fromBeginning,
      partitionsConsumedConcurrently: k.concurrency,
      maxBytesPerPartition: k.maxBytesPerPartition,
      sessionTimeoutMs: k.sessionTimeoutMs,
      // Kafka wants heartbeats well within the session timeout.
      heartbeatIntervalMs: Math.min(3000, Math.floor(k.sessionTimeoutMs / 3)),
    });
    const ingester = new Ingester(
      { consumer, store, deadLetters },
      {
        ingesterId: config.ingesterId,
        deadLetterTopic: k.deadLetterTopic,
        policy: new BatchPolicy(config.batching),
        backoff: new Backoff(config.retry),
        drainTimeoutMs: config.drainTimeoutMs,
        logger,
      },
    );
    return { ingester, consumer };
  } catch (e) {
    await store.close();
    throw e;
  }
}

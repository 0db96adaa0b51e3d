import { createClient } from '@clickhouse/client';
import { Kafka, logLevel } from 'kafkajs';
import type { ConsumerConfig } from './config';
import type { DeadLetterPublisher, EventConsumer, EventStore } from './ports';

/** kafkajs behind the EventConsumer port: manual commits only, one batch handler. */
export function createKafkaPorts(config: ConsumerConfig): {
  consumer: EventConsumer;
  deadLetters: DeadLetterPublisher;
} {
  const kafka = new Kafka({
    clientId: config.kafka.groupId,
    brokers: config.kafka.brokers,
    logLevel: logLevel.WARN,
  });
  const consumer = kafka.consumer({
    groupId: config.kafka.groupId,
    maxWaitTimeInMs: config.batching.maxWaitMs,
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  let producerConnected: Promise<void> | undefined;

  return {
    consumer: {
      async start(handler) {
        await consumer.connect();
        await consumer.subscribe({ topic: config.kafka.topic, fromBeginning: true });
        await consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, heartbeat, isRunning, isStale }) => {
            if (isStale()) return;
            await handler(
              { topic: batch.topic, partition: batch.partition, records: batch.messages },
              {
                resolveOffset,
                commit: () => commitOffsetsIfNecessary(),
                heartbeat,
                isRunning: () => isRunning() && !isStale(),
              },
            );
          },
        });
      },
      stop: () => consumer.disconnect(),
    },
    deadLetters: {
      async send(records) {
        producerConnected ??= producer.connect();
        await producerConnected;
        await producer.send({ topic: config.kafka.deadLetterTopic, acks: -1, messages: records });
      },
      disconnect: () => producer.disconnect(),
    },
  };
}

/** @clickhouse/client behind the EventStore port. */
export function createClickHouseStore(config: ConsumerConfig): EventStore {
  const client = createClient({
    url: config.clickhouse.url,
    username: config.clickhouse.username,
    password: config.clickhouse.password,
  });
  // Identifiers were checked against IDENTIFIER_PATTERN in config.ts.
  const table = `${config.clickhouse.database}.${config.clickhouse.table}`;
  return {
    async insert(rows) {
      await client.insert({ table, values: rows, format: 'JSONEachRow' });
    },
    close: () => client.close(),
  };
}

import { ClickHouseEventStore } from '../clickhouse/ClickHouseEventStore';
import { DEV_WRITER_PASSWORD } from '../config/IngesterConfig';
import { decodeEvent } from '../events/EventSchema';
import { createKafka } from '../kafka/KafkajsEventLog';
import { JsonLogger } from '../logging/Logger';

/**
 * The benchmark's "naive" path: the consumer most people write first. One ClickHouse insert
 * per message (eachMessage, kafkajs resolves and commits for us after each one). It is only
 * here to be measured next to the ingester; do not use it.
 *
 *   naiveConsumer.ts BROKERS TOPIC GROUP CLICKHOUSE_URL EVENTS_TABLE
 */
async function main() {
  const [brokers, topic, group, url, table] = process.argv.slice(2);
  if (!table) {
    process.stderr.write(
      'usage: naiveConsumer.ts BROKERS TOPIC GROUP CLICKHOUSE_URL EVENTS_TABLE\n',
    );
    process.exit(2);
  }
  const logger = new JsonLogger({
    level: 'warn',
    fields: { component: 'naive-consumer' },
  });
  const store = await ClickHouseEventStore.connect(
    {
      url,
      username: 'plinth_writer',
      password: process.env.CLICKHOUSE_WRITER_PASSWORD ?? DEV_WRITER_PASSWORD,
      database: 'plinth_events',
    },
    // Only the events table is written; the others exist in the schema.
    { events: table, batches: 'ingest_batches', deadLetters: 'dead_letters' },
  );
  const kafka = createKafka({
    brokers: brokers.split(','),
    clientId: 'naive-consumer',
    logger,
  });
  const consumer = kafka.consumer({ groupId: group });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const result = decodeEvent(message.value);
      if (!result.ok) return;
      const e = result.event;
      await store.insertEvents([
        {
          event_id: e.id,
          type: e.type,
          source: e.source,
          tenant: e.tenant,
          occurred_at_ms: e.occurredAtMs,
          ingested_at_ms: Date.now(),
          payload: e.payload,
          topic,
          kafka_partition: partition,
          kafka_offset: Number(message.offset),
        },
      ]);
    },
  });
  logger.warn('naive consumer started', { topic, group });
  const stop = async () => {
    await consumer.disconnect();
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch(e => {
  process.stderr.write(
    `naive consumer failed: ${e instanceof Error ? e.stack : e}\n`,
  );
  process.exit(1);
});

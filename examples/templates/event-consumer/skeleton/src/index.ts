import { createClickHouseStore, createKafkaPorts } from './adapters';
import { ConfigError, parseConfig } from './config';
import { Ingester } from './ingester';
import { createLogger } from './logger';
import { SERVICE_NAME } from './service';

async function main() {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${SERVICE_NAME}: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger({ service: SERVICE_NAME, level: config.logLevel });
  const { consumer, deadLetters } = createKafkaPorts(config);
  const ingester = new Ingester({
    consumer,
    deadLetters,
    store: createClickHouseStore(config),
    logger,
    maxBatchRows: config.batching.maxRows,
  });

  // Graceful stop: finish the batch in hand (its commit happens only after its insert),
  // leave the group so partitions move at once, then exit.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    try {
      await ingester.stop();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error('stop failed', { error });
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await ingester.start();
  logger.info('consuming', {
    topic: config.kafka.topic,
    groupId: config.kafka.groupId,
    table: `${config.clickhouse.database}.${config.clickhouse.table}`,
  });
}

main().catch(error => {
  process.stderr.write(`${SERVICE_NAME}: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});

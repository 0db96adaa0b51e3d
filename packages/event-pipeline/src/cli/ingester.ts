import { ingesterUsage, parseIngesterConfig } from '../config/IngesterConfig';
import { connectIngester } from '../ingester/connectIngester';
import { JsonLogger, Logger } from '../logging/Logger';
import { onTermination, runCli } from './runCli';

let logger: Logger | undefined;

function memoryMiB() {
  const m = process.memoryUsage();
  const mib = (n: number) => Math.round(n / 2 ** 20);
  return {
    rss: mib(m.rss),
    heapUsed: mib(m.heapUsed),
    external: mib(m.external),
  };
}

async function main(): Promise<number> {
  const config = parseIngesterConfig(process.argv.slice(2), process.env);
  if (!config) {
    process.stdout.write(ingesterUsage());
    return 0;
  }
  const log = new JsonLogger({
    level: config.logLevel,
    fields: { component: 'ingester', ingesterId: config.ingesterId },
  });
  logger = log;
  const { ingester, consumer } = await connectIngester(config, log);
  const { kafka: k, clickhouse: ch } = config;

  let fatal: Error | undefined;
  const done = new Promise<void>(resolve => {
    onTermination(log, () => {
      ingester.stop().then(resolve, e => {
        fatal = e;
        resolve();
      });
    });
    consumer.onFatalError(error => {
      fatal = error;
      log.error('Kafka consumer crashed and will not restart', { error });
      ingester.stop().then(resolve, e => {
        log.error('stopping after the crash failed', { error: e });
        resolve();
      });
    });
  });

  await ingester.start();
  log.info('ingester started', {
    brokers: k.brokers.join(','),
    topic: k.topic,
    group: k.groupId,
    clickhouse: ch.url,
    table: `${ch.database}.${ch.tables.events}`,
    maxBatchRows: config.batching.maxRows,
    maxBatchWaitMs: config.batching.maxWaitMs,
  });

  let last = { at: Date.now(), inserted: 0 };
  const timer =
    config.statsIntervalMs > 0
      ? setInterval(() => {
          const s = ingester.stats();
          const at = Date.now();
          log.info('ingester stats', {
            eventsInserted: s.eventsInserted,
            rowsPerSecond: Math.round(
              ((s.eventsInserted - last.inserted) * 1000) / (at - last.at),
            ),
            deadLettered: s.deadLettered,
            flushes: s.flushes,
            retries: s.retries,
            batchesAborted: s.batchesAborted,
            lag: Object.values(s.lag).reduce((a, b) => a + b, 0),
            lastFlush: s.lastFlush,
            memoryMiB: memoryMiB(),
          });
          last = { at, inserted: s.eventsInserted };
        }, config.statsIntervalMs)
      : undefined;

  await done;
  if (timer) clearInterval(timer);
  const s = ingester.stats();
  log.info('ingester stopped', {
    eventsInserted: s.eventsInserted,
    deadLettered: s.deadLettered,
    batchesAborted: s.batchesAborted,
  });
  return fatal ? 1 : 0;
}

if (require.main === module) {
  runCli('ingester', main, () => logger);
}

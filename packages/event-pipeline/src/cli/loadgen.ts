import { loadgenUsage, parseLoadgenConfig } from '../config/LoadgenConfig';
import { connectLoadGenerator } from '../loadgen/connectLoadGenerator';
import { JsonLogger, Logger } from '../logging/Logger';
import { onTermination, runCli } from './runCli';

let logger: Logger | undefined;

async function main(): Promise<number> {
  const config = parseLoadgenConfig(process.argv.slice(2), process.env);
  if (!config) {
    process.stdout.write(loadgenUsage());
    return 0;
  }
  const log = new JsonLogger({
    level: config.logLevel,
    fields: { component: 'loadgen' },
  });
  logger = log;
  const { generator, close } = await connectLoadGenerator(config, log);
  onTermination(log, () => generator.stop());
  log.info('loadgen started', {
    brokers: config.brokers.join(','),
    topic: config.topic,
    rate: config.rate,
    durationMs: config.durationMs,
    count: config.count,
  });
  try {
    const report = await generator.run();
    log.info('loadgen finished', { ...report });
  } finally {
    await close();
  }
  return 0;
}

if (require.main === module) {
  runCli('loadgen', main, () => logger);
}

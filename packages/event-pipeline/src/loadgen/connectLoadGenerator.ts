import { LoadgenConfig } from '../config/LoadgenConfig';
import {
  createKafka,
  KafkajsAdmin,
  KafkajsPublisher,
} from '../kafka/KafkajsEventLog';
import { Logger } from '../logging/Logger';
import { EventFactory } from './EventFactory';
import { LoadGenerator } from './LoadGenerator';

export interface ConnectedLoadGenerator {
  generator: LoadGenerator;
  /** Closes the producer; call after run() resolved. */
  close(): Promise<void>;
}

/** Wires a LoadGenerator to the real Kafka after checking the brokers and the topic. */
export async function connectLoadGenerator(
  config: LoadgenConfig,
  logger: Logger,
): Promise<ConnectedLoadGenerator> {
  const preflight = createKafka({
    brokers: config.brokers,
    clientId: 'plinth-loadgen-preflight',
    logger,
    retries: 2,
  });
  const admin = await KafkajsAdmin.connect(preflight, config.brokers);
  try {
    await admin.requireTopics([config.topic]);
  } finally {
    await admin.disconnect();
  }
  const kafka = createKafka({
    brokers: config.brokers,
    clientId: 'plinth-loadgen',
    logger,
  });
  const publisher = await KafkajsPublisher.connect(kafka, config.brokers);
  const generator = new LoadGenerator(publisher, {
    topic: config.topic,
    rate: config.rate,
    durationMs: config.durationMs,
    count: config.count,
    chunkSize: config.chunkSize,
    lingerMs: config.lingerMs,
    reportIntervalMs: config.reportIntervalMs,
    logger,
    factory: new EventFactory({
      source: config.source,
      tenants: config.tenants,
      payloadBytes: config.payloadBytes,
      invalidEvery: config.invalidEvery,
    }),
  });
  return { generator, close: () => publisher.disconnect() };
}

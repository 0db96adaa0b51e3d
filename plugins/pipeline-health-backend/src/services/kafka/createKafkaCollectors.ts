import type { LoggerService } from '@backstage/backend-plugin-api';
import type { PipelineHealthConfig } from '../../config';
import {
  KafkaLagCollector,
  KafkaLagCollectorOptions,
} from './KafkaLagCollector';
import { KafkajsAdminPort } from './KafkajsAdminPort';

/** Tuning the config does not expose (tests use shorter windows). */
export type KafkaCollectorTuning = Pick<
  KafkaLagCollectorOptions,
  | 'now'
  | 'concurrency'
  | 'statusWindow'
  | 'sampleRingCapacity'
  | 'stoppedAfterMs'
>;

/**
 * One collector, with its one long-lived kafkajs admin client, per configured cluster, by
 * cluster name. Nothing connects until the first poll.
 */
export function createKafkaCollectors(
  config: PipelineHealthConfig,
  logger: LoggerService,
  tuning: KafkaCollectorTuning = {},
): Map<string, KafkaLagCollector> {
  return new Map(
    config.clusters.map(cluster => [
      cluster.name,
      new KafkaLagCollector({
        ...tuning,
        cluster,
        logger,
        groupStateIntervalMs: config.groupStateIntervalMs,
        admin: new KafkajsAdminPort({
          cluster,
          requestTimeoutMs: config.kafkaRequestTimeoutMs,
          logger: logger.child({ cluster: cluster.name }),
        }),
      }),
    ]),
  );
}

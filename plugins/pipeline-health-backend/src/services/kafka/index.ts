export type {
  ConsumerGroupDescription,
  KafkaAdminPort,
  OffsetPosition,
  TopicCommittedOffsets,
  TopicOffsets,
} from './KafkaAdminPort';
export { KafkajsAdminPort } from './KafkajsAdminPort';
export type { KafkajsAdminPortOptions } from './KafkajsAdminPort';
export {
  DEFAULT_COLLECTOR_CONCURRENCY,
  DEFAULT_SAMPLE_RING_CAPACITY,
  DEFAULT_START_OFFSET_INTERVAL_MS,
  DEFAULT_STATUS_WINDOW,
  KafkaLagCollector,
} from './KafkaLagCollector';
export type {
  KafkaClusterSnapshot,
  KafkaLagCollectorOptions,
} from './KafkaLagCollector';
export { createKafkaCollectors } from './createKafkaCollectors';
export type { KafkaCollectorTuning } from './createKafkaCollectors';

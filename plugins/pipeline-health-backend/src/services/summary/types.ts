import type {
  ClickHousePanel,
  ConsumerGroupHealth,
  PartitionLag,
  SourceState,
  TopicLag,
} from '@plinth/plugin-pipeline-health-common';

/**
 * What the summaries need from one Kafka cluster's collector: the structural subset of its
 * snapshot (src/services/kafka), so the pure functions here test without Kafka.
 */
export type KafkaClusterView = {
  cluster: string;
  source: SourceState;
  /** ISO time of the last finished poll; undefined before the first. */
  polledAt?: string;
  groups: ReadonlyMap<
    string,
    { health: ConsumerGroupHealth; partitions: PartitionLag[] }
  >;
  topics: ReadonlyMap<string, TopicLag>;
};

/** The ClickHouse side by events table (`database.table`). */
export type ClickHouseView = (
  eventsTable: string,
) => ClickHousePanel | undefined;

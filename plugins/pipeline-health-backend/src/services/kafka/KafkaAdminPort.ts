import type { ConsumerGroupState } from '@plinth/plugin-pipeline-health-common';

/**
 * The narrow view of a Kafka cluster's admin API the lag collector needs. kafkajs (in
 * maintenance mode) stays behind it in KafkajsAdminPort.ts; the collector is tested against
 * a typed fake (testing/FakeKafkaAdmin.ts), the kafkajs implementation against a real broker.
 *
 * Offsets are numbers: Kafka's are int64 but exact up to 2^53, far beyond any partition.
 *
 * Errors: a call that cannot reach the cluster (connection refused or closed, no answer within
 * the request timeout) rejects with a `ServiceUnavailableError` from `@backstage/errors`;
 * anything else (unknown topic, a broker-side error for one group) rejects with the error the
 * broker gave. The collector treats the first as "the cluster is down", the second as "this
 * one request failed".
 */
export interface KafkaAdminPort {
  /** The first and the next-to-be-written offset of every partition of a topic. */
  fetchTopicOffsets(topic: string): Promise<PartitionEndOffsets[]>;

  /**
   * The offsets a consumer group committed: on every topic it ever committed on when `topics`
   * is omitted (one request to the group coordinator), or on the given topics (every
   * partition listed, `offset` undefined where the group never committed). A group that does
   * not exist has no committed offsets: an empty list, not an error.
   */
  fetchCommittedOffsets(
    groupId: string,
    topics?: string[],
  ): Promise<TopicCommittedOffsets[]>;

  /** State and member count of each group, in the order given; unknown groups are `Dead`. */
  describeGroups(groupIds: string[]): Promise<ConsumerGroupDescription[]>;

  /**
   * Requests sent to the cluster so far (monotonic). The collector reports the difference
   * over one poll as "Kafka requests per cycle".
   */
  requestCount(): number;

  /** Disconnects; later calls reject. */
  close(): Promise<void>;
}

export type PartitionEndOffsets = {
  partition: number;
  /** First offset still in the log (the log start offset). */
  low: number;
  /** Next offset to be written (the high watermark). */
  high: number;
};

export type TopicCommittedOffsets = {
  topic: string;
  /** `offset` is the next offset the group will read; undefined when never committed. */
  partitions: Array<{ partition: number; offset?: number }>;
};

export type ConsumerGroupDescription = {
  groupId: string;
  state: ConsumerGroupState;
  members: number;
};

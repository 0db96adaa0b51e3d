import type { ConsumerGroupState } from '@plinth/plugin-pipeline-health-common';

/**
 * The narrow view of a Kafka cluster's admin API the lag collector needs. kafkajs (in
 * maintenance mode) stays behind it in KafkajsAdminPort.ts; the collector is tested against
 * a typed fake (testing/FakeKafkaAdmin.ts), the kafkajs implementation against a real broker.
 *
 * The calls are shaped for one poll cycle at scale (2,000 partitions, 200 groups): offsets of
 * MANY topics in one call (one ListOffsets per partition leader), one call per group for
 * committed offsets (Kafka's OffsetFetch before v8 takes one group), and group states for all
 * groups in one call (one DescribeGroups per coordinator).
 *
 * Offsets are numbers: Kafka's are int64 but exact up to 2^53, far beyond any partition.
 *
 * Errors: a call that cannot reach the cluster (connection refused or closed, no answer within
 * the request timeout) rejects with a `ServiceUnavailableError` from `@backstage/errors`;
 * anything else (a broker-side error for one group) rejects with the error the broker gave,
 * and a problem with one topic of a batch is that topic's `error`, not a rejection. The
 * collector treats the first as "the cluster is down", the others as "this one failed".
 */
export interface KafkaAdminPort {
  /**
   * Per topic, in the order given: every partition's offset at `position`, `end` being the
   * next offset to be written (the high watermark), `start` the first offset still in the log
   * (the log start offset); or why the topic could not be read (e.g. it does not exist).
   */
  fetchTopicOffsets(
    topics: string[],
    position: OffsetPosition,
  ): Promise<TopicOffsets[]>;

  /**
   * The offsets a consumer group committed, on every topic it ever committed on. A group that
   * does not exist has no committed offsets: an empty list, not an error.
   */
  fetchCommittedOffsets(groupId: string): Promise<TopicCommittedOffsets[]>;

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

/** `end`: the high watermark (next offset to be written); `start`: the log start offset. */
export type OffsetPosition = 'end' | 'start';

export type TopicOffsets =
  | {
      topic: string;
      partitions: Array<{ partition: number; offset: number }>;
      error?: undefined;
    }
  | { topic: string; error: Error; partitions?: undefined };

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

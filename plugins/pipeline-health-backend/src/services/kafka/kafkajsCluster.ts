import type { Kafka } from 'kafkajs';

/*
 * The ONE place that reaches into kafkajs internals (kafkajs 2.2.4, in maintenance mode, so
 * they do not move). Why: kafkajs' public admin API costs a poll at 2,000 partitions about
 * 840 requests: `admin.fetchTopicOffsets` sends two ListOffsets per topic (latest and
 * earliest) and refreshes metadata on almost every call (the admin's metadataMaxAge is 0),
 * and `admin.fetchOffsets` looks the group coordinator up again before every OffsetFetch.
 * kafkajs' Cluster class, which the admin itself is built on, already does the batching we
 * want (`fetchTopicsOffset`: one ListOffsets per partition leader for any number of topics)
 * and hands out the broker connections, so coordinators can be cached.
 *
 * The cluster is created through the Kafka client's own (symbol-keyed) factory, so it gets
 * exactly the client's configuration (brokers, TLS/SASL, socket factory, retry, logger).
 * `kafkajsCluster.integration.test.ts` runs this against a real broker and fails if a kafkajs
 * upgrade renames or reshapes any of it.
 */

/** What this adapter uses of kafkajs' Broker (kafkajs/src/broker). */
export interface KafkajsBroker {
  nodeId: number;
  offsetFetch(request: {
    groupId: string;
    topics: Array<{ topic: string; partitions: Array<{ partition: number }> }>;
  }): Promise<{
    responses: Array<{
      topic: string;
      partitions: Array<{ partition: number; offset: string }>;
    }>;
  }>;
  describeGroups(request: { groupIds: string[] }): Promise<{
    groups: Array<{
      groupId: string;
      state: string;
      members: unknown[];
    }>;
  }>;
  metadata(topics: string[]): Promise<{
    topicMetadata: Array<{ topic: string }>;
  }>;
}

/** What this adapter uses of kafkajs' Cluster (kafkajs/src/cluster). */
export interface KafkajsCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** Topics whose metadata (partitions, leaders) the cluster keeps; refreshes if new. */
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  /** The topics metadata is kept for (a Set kafkajs only ever grows). */
  targetTopics: Set<string>;
  refreshMetadata(): Promise<void>;
  /** Refreshes when older than metadataMaxAge or missing a target topic. */
  refreshMetadataIfNecessary(): Promise<void>;
  findTopicPartitionMetadata(
    topic: string,
  ): Array<{ partitionId: number; leader: number }>;
  /** One ListOffsets per partition leader, whatever the number of topics. */
  fetchTopicsOffset(
    topics: Array<{
      topic: string;
      partitions: Array<{ partition: number }>;
      fromBeginning: boolean;
    }>,
  ): Promise<
    Array<{
      topic: string;
      partitions: Array<{ partition: number; offset: string }>;
    }>
  >;
  /** FindCoordinator, with kafkajs' retries; the broker to send group requests to. */
  findGroupCoordinator(request: { groupId: string }): Promise<KafkajsBroker>;
  findBroker(request: { nodeId: number }): Promise<KafkajsBroker>;
  /** Metadata of every topic (one request to any broker). */
  metadata(request: { topics: string[] }): Promise<{
    topicMetadata: Array<{ topic: string }>;
  }>;
}

type InstrumentationEmitter = {
  addListener(eventName: string, listener: () => void): () => void;
};

/** kafkajs' event names for "a request was answered" and "a request timed out". */
const REQUEST_EVENTS = ['network.request', 'network.request_timeout'];
const CREATE_CLUSTER = 'private:Kafka:createCluster';
const CLUSTER_METHODS: Array<keyof KafkajsCluster> = [
  'connect',
  'disconnect',
  'addMultipleTargetTopics',
  'refreshMetadata',
  'refreshMetadataIfNecessary',
  'findTopicPartitionMetadata',
  'fetchTopicsOffset',
  'findGroupCoordinator',
  'findBroker',
  'metadata',
];

/**
 * A kafkajs Cluster with the client's configuration, never creating topics, keeping metadata
 * for `metadataMaxAgeMs`, calling `onRequest` for every request that left (answered or timed
 * out). Throws at once when the kafkajs internals it relies on are not there.
 */
export function createKafkajsCluster(
  kafka: Kafka,
  options: { metadataMaxAgeMs: number; onRequest: () => void },
): KafkajsCluster {
  const factory = Object.getOwnPropertySymbols(kafka).find(
    symbol => symbol.description === CREATE_CLUSTER,
  );
  if (!factory) {
    throw new Error(
      `kafkajs changed: the Kafka client has no "${CREATE_CLUSTER}" factory; pipeline-health's kafkajsCluster.ts needs updating`,
    );
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const InstrumentationEventEmitter =
    require('kafkajs/src/instrumentation/emitter') as new () => InstrumentationEmitter;
  const emitter = new InstrumentationEventEmitter();
  for (const event of REQUEST_EVENTS) {
    emitter.addListener(event, options.onRequest);
  }
  const create = (kafka as unknown as Record<symbol, Function>)[factory];
  const cluster = create({
    allowAutoTopicCreation: false,
    metadataMaxAge: options.metadataMaxAgeMs,
    instrumentationEmitter: emitter,
  }) as KafkajsCluster;
  const missing = CLUSTER_METHODS.filter(
    name => typeof cluster[name] !== 'function',
  );
  if (missing.length > 0 || !(cluster.targetTopics instanceof Set)) {
    throw new Error(
      `kafkajs changed: its Cluster lacks ${
        missing.join(', ') || 'targetTopics'
      }; pipeline-health's kafkajsCluster.ts needs updating`,
    );
  }
  return cluster;
}

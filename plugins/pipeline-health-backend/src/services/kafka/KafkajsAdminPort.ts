import type { LoggerService } from '@backstage/backend-plugin-api';
import { ForwardedError, ServiceUnavailableError } from '@backstage/errors';
import type { ConsumerGroupState } from '@plinth/plugin-pipeline-health-common';
import {
  ISocketFactory,
  Kafka,
  LogEntry,
  logLevel as KafkajsLogLevel,
} from 'kafkajs';
import type { KafkaClusterConfig } from '../../config';
import {
  ConsumerGroupDescription,
  KafkaAdminPort,
  OffsetPosition,
  TopicCommittedOffsets,
  TopicOffsets,
} from './KafkaAdminPort';
import {
  createKafkajsCluster,
  KafkajsBroker,
  KafkajsCluster,
} from './kafkajsCluster';
import { withRequestTimeout } from './withRequestTimeout';

export type KafkajsAdminPortOptions = {
  cluster: KafkaClusterConfig;
  /** Longest one call may take, connecting included (pipelineHealth.kafkaRequestTimeout). */
  requestTimeoutMs: number;
  logger: LoggerService;
  /**
   * How sockets to the brokers are opened (kafkajs' hook, e.g. to go through a proxy; the
   * slow-broker test puts a delaying proxy here). Default: plain TCP.
   */
  socketFactory?: ISocketFactory;
  /**
   * How long topic metadata (partitions and their leaders) is reused. Default 60 s; a leader
   * change is noticed earlier, through the broker's NOT_LEADER error.
   */
  metadataMaxAgeMs?: number;
};

export const DEFAULT_METADATA_MAX_AGE_MS = 60_000;

/** Broker errors that mean "ask another broker for this group": the coordinator moved. */
const COORDINATOR_MOVED = new Set([
  'NOT_COORDINATOR_FOR_GROUP',
  'GROUP_COORDINATOR_NOT_AVAILABLE',
  'GROUP_LOAD_IN_PROGRESS',
]);
/** Broker errors that mean the metadata (leaders, partitions) is out of date. */
const STALE_METADATA = new Set([
  'UNKNOWN_TOPIC_OR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_FOR_PARTITION',
]);
/** Errors a Metadata request gives when a topic asked for does not exist (or is not ours). */
const NO_SUCH_TOPIC = new Set([
  'UNKNOWN_TOPIC_OR_PARTITION',
  'INVALID_TOPIC_EXCEPTION',
  'TOPIC_AUTHORIZATION_FAILED',
]);

const errorType = (error: unknown) => (error as { type?: string })?.type;

/**
 * kafkajs error names that mean "the cluster did not answer", looked for along the cause
 * chain (kafkajs wraps them, e.g. in KafkaJSNumberOfRetriesExceeded).
 */
const UNREACHABLE_ERRORS = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSLockTimeout',
]);

function isUnreachable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    if (UNREACHABLE_ERRORS.has((e as Error).name)) {
      return true;
    }
    e =
      (e as { cause?: unknown }).cause ??
      (e as { originalError?: unknown }).originalError;
  }
  return false;
}

const GROUP_STATES: ConsumerGroupState[] = [
  'Stable',
  'PreparingRebalance',
  'CompletingRebalance',
  'Empty',
  'Dead',
];

/** Log fields kafkajs sends that are safe and useful to keep (never credentials). */
const KAFKAJS_LOG_FIELDS = [
  'broker',
  'clientId',
  'error',
  'groupId',
  'topic',
  'retryCount',
  'retryTime',
];
/** A kafkajs warning repeated within this time is dropped (an outage repeats it every poll). */
const KAFKAJS_LOG_REPEAT_MS = 60_000;

/**
 * Routes kafkajs' own log lines (warn and above only: it logs every reconnect at error level
 * and would otherwise drown the backend's log) to the Backstage logger, as warnings, with a
 * few whitelisted fields, each distinct line at most once a minute.
 */
function kafkajsLogCreator(logger: LoggerService, cluster: string) {
  const lastSeen = new Map<string, number>();
  return () => (entry: LogEntry) => {
    const { message } = entry.log;
    const key = `${entry.namespace}:${message}`;
    const now = Date.now();
    const seen = lastSeen.get(key);
    if (seen !== undefined && now - seen < KAFKAJS_LOG_REPEAT_MS) {
      return;
    }
    if (lastSeen.size > 1_000) {
      lastSeen.clear();
    }
    lastSeen.set(key, now);
    const fields: Record<string, string> = {
      cluster,
      namespace: entry.namespace,
    };
    for (const name of KAFKAJS_LOG_FIELDS) {
      const value = entry.log[name];
      if (value !== undefined && value !== null) {
        fields[name] = String(value);
      }
    }
    logger.warn(`kafkajs: ${message}`, fields);
  };
}

type AdminSession = {
  cluster: KafkajsCluster;
  connected: Promise<void>;
  /**
   * The coordinator of each group, looked up once and kept while the session lives: a
   * FindCoordinator per group per poll was a quarter of all requests. Dropped for a group
   * when its coordinator answers that it no longer is one; the whole session (cache included)
   * is dropped on a connection error.
   */
  coordinators: Map<string, Promise<KafkajsBroker>>;
};

/**
 * The kafkajs implementation of {@link KafkaAdminPort}: ONE kafkajs Cluster per Kafka
 * cluster, kept for the life of the backend (connecting costs a handshake and metadata round
 * trips; the community Kafka plugin's connect-per-request is what this avoids). After a call
 * that could not reach the cluster the session is dropped and the next call connects a fresh
 * one, so a broker restart or a network cut heals by itself.
 *
 * Requests per poll (see docs/pipeline-health.md): offsets of all topics in one ListOffsets
 * per partition leader; one OffsetFetch per group to its cached coordinator; one
 * DescribeGroups per coordinator; Metadata only when older than `metadataMaxAgeMs`, when a
 * topic is new, or after a stale-metadata error. It uses kafkajs' Cluster, not its admin
 * client (see kafkajsCluster.ts for why).
 *
 * Every call is bounded by `requestTimeoutMs` twice over: kafkajs' own `requestTimeout`
 * (each wire request) and a timer around the whole call (connecting, retries and several
 * wire requests included), so a broker that accepts connections but answers slowly cannot
 * hang a poll.
 */
export class KafkajsAdminPort implements KafkaAdminPort {
  private readonly kafka: Kafka;
  private readonly cluster: KafkaClusterConfig;
  private readonly requestTimeoutMs: number;
  private readonly metadataMaxAgeMs: number;
  private session?: AdminSession;
  private requests = 0;
  private closed = false;

  constructor(options: KafkajsAdminPortOptions) {
    this.cluster = options.cluster;
    this.requestTimeoutMs = options.requestTimeoutMs;
    this.metadataMaxAgeMs =
      options.metadataMaxAgeMs ?? DEFAULT_METADATA_MAX_AGE_MS;
    this.kafka = new Kafka({
      clientId: options.cluster.clientId,
      brokers: options.cluster.brokers,
      connectionTimeout: Math.min(options.requestTimeoutMs, 3_000),
      requestTimeout: options.requestTimeoutMs,
      enforceRequestTimeout: true,
      // Few, quick retries: the next poll is the real retry, and all of them must fit in
      // the call's timeout anyway.
      retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1_000 },
      socketFactory: options.socketFactory,
      logLevel: KafkajsLogLevel.WARN,
      logCreator: kafkajsLogCreator(options.logger, options.cluster.name),
    });
  }

  async fetchTopicOffsets(
    topics: string[],
    position: OffsetPosition,
  ): Promise<TopicOffsets[]> {
    if (topics.length === 0) {
      return [];
    }
    const what = `${position} offsets of ${
      topics.length === 1 ? `topic "${topics[0]}"` : `${topics.length} topics`
    }`;
    return this.call(what, async session => {
      const unknown = await this.trackTopics(session.cluster, topics);
      const known = topics.filter(t => !unknown.has(t));
      const answers = new Map<string, TopicOffsets>();
      const collect = (
        rows: Awaited<ReturnType<KafkajsCluster['fetchTopicsOffset']>>,
      ) => {
        for (const { topic, partitions } of rows) {
          answers.set(topic, {
            topic,
            partitions: partitions
              .map(p => ({ partition: p.partition, offset: Number(p.offset) }))
              .sort((a, b) => a.partition - b.partition),
          });
        }
      };
      try {
        collect(await this.listOffsets(session.cluster, known, position));
      } catch (error) {
        if (isUnreachable(error) || !STALE_METADATA.has(errorType(error)!)) {
          throw error;
        }
        // A leader moved or a topic went away since the metadata was read: read it again and
        // retry once; if that fails too, ask per topic so one bad topic fails alone.
        await session.cluster.refreshMetadata();
        try {
          collect(await this.listOffsets(session.cluster, known, position));
        } catch (retryError) {
          if (isUnreachable(retryError)) {
            throw retryError;
          }
          await Promise.all(
            known.map(async topic => {
              try {
                collect(
                  await this.listOffsets(session.cluster, [topic], position),
                );
              } catch (topicError) {
                if (isUnreachable(topicError)) {
                  throw topicError;
                }
                answers.set(topic, {
                  topic,
                  error: new ForwardedError(
                    `${this.where()}: cannot read ${position} offsets of topic "${topic}"`,
                    topicError,
                  ),
                });
              }
            }),
          );
        }
      }
      return topics.map(
        topic =>
          answers.get(topic) ?? {
            topic,
            error: new Error(
              unknown.get(topic) ??
                `${this.where()}: topic "${topic}" has no partitions with a leader`,
            ),
          },
      );
    });
  }

  async fetchCommittedOffsets(
    groupId: string,
  ): Promise<TopicCommittedOffsets[]> {
    const { responses } = await this.call(
      `committed offsets of group "${groupId}"`,
      session =>
        this.withCoordinator(session, groupId, broker =>
          // No topics: every topic the group committed on (a null array on the wire).
          broker.offsetFetch({ groupId, topics: [] }),
        ),
    );
    return responses.map(t => ({
      topic: t.topic,
      partitions: t.partitions.map(p => {
        const offset = Number(p.offset);
        // -1: the group never committed on this partition.
        return {
          partition: p.partition,
          offset: offset >= 0 ? offset : undefined,
        };
      }),
    }));
  }

  async describeGroups(
    groupIds: string[],
  ): Promise<ConsumerGroupDescription[]> {
    if (groupIds.length === 0) {
      return [];
    }
    const groups = await this.call(
      `states of ${groupIds.length} consumer group(s)`,
      async session => {
        // One DescribeGroups per coordinator, for all of its groups.
        const byCoordinator = new Map<number, string[]>();
        await Promise.all(
          groupIds.map(async groupId => {
            const broker = await this.coordinator(session, groupId);
            byCoordinator.set(broker.nodeId, [
              ...(byCoordinator.get(broker.nodeId) ?? []),
              groupId,
            ]);
          }),
        );
        const answers = await Promise.all(
          [...byCoordinator.values()].map(async ids => {
            try {
              return (
                await (
                  await this.coordinator(session, ids[0])
                ).describeGroups({ groupIds: ids })
              ).groups;
            } catch (error) {
              if (!COORDINATOR_MOVED.has(errorType(error)!)) {
                throw error;
              }
              // Some group moved: look each up again and ask its coordinator alone.
              ids.forEach(id => session.coordinators.delete(id));
              return (
                await Promise.all(
                  ids.map(id =>
                    this.withCoordinator(session, id, broker =>
                      broker.describeGroups({ groupIds: [id] }),
                    ),
                  ),
                )
              ).flatMap(a => a.groups);
            }
          }),
        );
        return answers.flat();
      },
    );
    const byId = new Map(groups.map(g => [g.groupId, g]));
    return groupIds.map(groupId => {
      const group = byId.get(groupId);
      const state = group?.state as ConsumerGroupState | undefined;
      return {
        groupId,
        state: state && GROUP_STATES.includes(state) ? state : 'Unknown',
        members: group?.members.length ?? 0,
      };
    });
  }

  requestCount(): number {
    return this.requests;
  }

  async close(): Promise<void> {
    this.closed = true;
    const session = this.session;
    this.session = undefined;
    await session?.cluster.disconnect().catch(() => undefined);
  }

  private where(): string {
    return `Kafka cluster "${this.cluster.name}" (${this.cluster.brokers.join(
      ',',
    )})`;
  }

  /**
   * Keeps metadata for `topics` (one Metadata request when one is new or the metadata is
   * older than metadataMaxAgeMs). Returns the topics the cluster does not have, each with
   * its message; kafkajs fails the whole Metadata request for one such topic, so then the
   * list of all topics is read once to tell which.
   */
  private async trackTopics(
    cluster: KafkajsCluster,
    topics: string[],
  ): Promise<Map<string, string>> {
    const unknown = new Map<string, string>();
    try {
      await cluster.addMultipleTargetTopics(topics);
      await cluster.refreshMetadataIfNecessary();
      return unknown;
    } catch (error) {
      if (!NO_SUCH_TOPIC.has(errorType(error)!)) {
        throw error;
      }
    }
    const { topicMetadata } = await cluster.metadata({ topics: [] });
    const existing = new Set(topicMetadata.map(t => t.topic));
    // kafkajs never forgets a target topic; one deleted since would fail every refresh.
    for (const topic of [...cluster.targetTopics]) {
      if (!existing.has(topic)) {
        cluster.targetTopics.delete(topic);
      }
    }
    for (const topic of topics) {
      if (!existing.has(topic)) {
        unknown.set(
          topic,
          `${this.where()}: topic "${topic}" does not exist (or this client may not describe it)`,
        );
      }
    }
    await cluster.addMultipleTargetTopics(topics.filter(t => existing.has(t)));
    await cluster.refreshMetadata();
    return unknown;
  }

  private listOffsets(
    cluster: KafkajsCluster,
    topics: string[],
    position: OffsetPosition,
  ) {
    if (topics.length === 0) {
      return Promise.resolve([]);
    }
    return cluster.fetchTopicsOffset(
      topics.map(topic => ({
        topic,
        fromBeginning: position === 'start',
        partitions: cluster
          .findTopicPartitionMetadata(topic)
          .map(p => ({ partition: p.partitionId })),
      })),
    );
  }

  /** The group's coordinator, from the cache or one FindCoordinator (shared by callers). */
  private coordinator(
    session: AdminSession,
    groupId: string,
  ): Promise<KafkajsBroker> {
    let broker = session.coordinators.get(groupId);
    if (!broker) {
      broker = session.cluster.findGroupCoordinator({ groupId });
      session.coordinators.set(groupId, broker);
      // A failed lookup is not cached; the caller sees the failure.
      broker.catch(() => {
        if (session.coordinators.get(groupId) === broker) {
          session.coordinators.delete(groupId);
        }
      });
    }
    return broker;
  }

  /** Sends to the group's coordinator; once more to a fresh one if it moved. */
  private async withCoordinator<T>(
    session: AdminSession,
    groupId: string,
    send: (broker: KafkajsBroker) => Promise<T>,
  ): Promise<T> {
    try {
      return await send(await this.coordinator(session, groupId));
    } catch (error) {
      if (!COORDINATOR_MOVED.has(errorType(error)!)) {
        throw error;
      }
      session.coordinators.delete(groupId);
      return await send(await this.coordinator(session, groupId));
    }
  }

  private currentSession(): AdminSession {
    if (!this.session) {
      const cluster = createKafkajsCluster(this.kafka, {
        metadataMaxAgeMs: this.metadataMaxAgeMs,
        // Counted when a broker answers or the request times out: every request that left.
        onRequest: () => {
          this.requests += 1;
        },
      });
      const connected = cluster.connect();
      // Awaited by every call; a failed connect is reported there, not as unhandled.
      connected.catch(() => undefined);
      this.session = { cluster, connected, coordinators: new Map() };
    }
    return this.session;
  }

  /** Drops a session that failed to reach the cluster; the next call connects afresh. */
  private reset(session: AdminSession) {
    if (this.session === session) {
      this.session = undefined;
      session.cluster.disconnect().catch(() => undefined);
    }
  }

  private async call<T>(
    what: string,
    request: (session: AdminSession) => Promise<T>,
  ): Promise<T> {
    const where = this.where();
    if (this.closed) {
      throw new ServiceUnavailableError(
        `${where}: the admin client is closed; cannot read ${what}`,
      );
    }
    const session = this.currentSession();
    try {
      return await withRequestTimeout(
        session.connected.then(() => request(session)),
        this.requestTimeoutMs,
        () =>
          new ServiceUnavailableError(
            `${where} did not answer within ${this.requestTimeoutMs} ms (reading ${what})`,
          ),
      );
    } catch (error) {
      if (ServiceUnavailableError.is(error) || isUnreachable(error)) {
        this.reset(session);
      }
      if (ServiceUnavailableError.is(error)) {
        throw error;
      }
      // Both carry the cause's message ("; caused by ..."), which names what kafkajs saw.
      if (isUnreachable(error)) {
        throw new ServiceUnavailableError(
          `${where} is unreachable (reading ${what})`,
          error,
        );
      }
      throw new ForwardedError(`${where}: cannot read ${what}`, error);
    }
  }
}

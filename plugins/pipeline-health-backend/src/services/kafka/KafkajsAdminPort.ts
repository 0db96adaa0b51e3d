import type { LoggerService } from '@backstage/backend-plugin-api';
import { ForwardedError, ServiceUnavailableError } from '@backstage/errors';
import type { ConsumerGroupState } from '@plinth/plugin-pipeline-health-common';
import {
  Admin,
  ISocketFactory,
  Kafka,
  LogEntry,
  logLevel as KafkajsLogLevel,
} from 'kafkajs';
import type { KafkaClusterConfig } from '../../config';
import {
  ConsumerGroupDescription,
  KafkaAdminPort,
  PartitionEndOffsets,
  TopicCommittedOffsets,
} from './KafkaAdminPort';
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
};

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

type AdminSession = { client: Admin; connected: Promise<void> };

/**
 * The kafkajs implementation of {@link KafkaAdminPort}: ONE admin client per cluster, kept
 * for the life of the backend (connecting costs a handshake and metadata round trips; the
 * community Kafka plugin's connect-per-request is what this avoids). After a call that
 * could not reach the cluster the client is dropped and the next call connects a fresh
 * one, so a broker restart or a network cut heals by itself.
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
  private session?: AdminSession;
  private requests = 0;
  private closed = false;

  constructor(options: KafkajsAdminPortOptions) {
    this.cluster = options.cluster;
    this.requestTimeoutMs = options.requestTimeoutMs;
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

  async fetchTopicOffsets(topic: string): Promise<PartitionEndOffsets[]> {
    const offsets = await this.call(`end offsets of topic "${topic}"`, admin =>
      admin.fetchTopicOffsets(topic),
    );
    return offsets
      .map(o => ({
        partition: o.partition,
        low: Number(o.low),
        high: Number(o.high),
      }))
      .sort((a, b) => a.partition - b.partition);
  }

  async fetchCommittedOffsets(
    groupId: string,
    topics?: string[],
  ): Promise<TopicCommittedOffsets[]> {
    const result = await this.call(
      `committed offsets of group "${groupId}"`,
      admin => admin.fetchOffsets({ groupId, topics }),
    );
    return result.map(t => ({
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
    const { groups } = await this.call(
      `states of ${groupIds.length} consumer group(s)`,
      admin => admin.describeGroups(groupIds),
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
    await session?.client.disconnect().catch(() => undefined);
  }

  private currentSession(): AdminSession {
    if (!this.session) {
      const client = this.kafka.admin({
        retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1_000 },
      });
      // Counted when a broker answers or the request times out: every request that left.
      const count = () => {
        this.requests += 1;
      };
      client.on(client.events.REQUEST, count);
      client.on(client.events.REQUEST_TIMEOUT, count);
      const connected = client.connect();
      // Awaited by every call; a failed connect is reported there, not as unhandled.
      connected.catch(() => undefined);
      this.session = { client, connected };
    }
    return this.session;
  }

  /** Drops a session that failed to reach the cluster; the next call connects afresh. */
  private reset(session: AdminSession) {
    if (this.session === session) {
      this.session = undefined;
      session.client.disconnect().catch(() => undefined);
    }
  }

  private async call<T>(
    what: string,
    request: (admin: Admin) => Promise<T>,
  ): Promise<T> {
    const where = `Kafka cluster "${
      this.cluster.name
    }" (${this.cluster.brokers.join(',')})`;
    if (this.closed) {
      throw new ServiceUnavailableError(
        `${where}: the admin client is closed; cannot read ${what}`,
      );
    }
    const session = this.currentSession();
    try {
      return await withRequestTimeout(
        session.connected.then(() => request(session.client)),
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

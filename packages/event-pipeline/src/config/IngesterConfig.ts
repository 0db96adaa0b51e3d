import os from 'node:os';
import { z } from 'zod';
import { ConfigError } from '../errors';
import { IDENTIFIER_PATTERN } from '../clickhouse/sql';
import { LogLevel } from '../logging/Logger';
import {
  brokersOption,
  duration,
  Environment,
  eventsTopicOption,
  groupId,
  httpUrl,
  label,
  logLevelOption,
  option,
  parseOptions,
  positiveDuration,
  positiveInt,
  topicName,
  usage,
} from './options';

const identifier = z.string().regex(IDENTIFIER_PATTERN, {
  error:
    'must be a plain identifier (letters, digits, _; not starting with a digit)',
});

export const INGESTER_OPTIONS = {
  brokers: brokersOption,
  topic: eventsTopicOption('topic to consume'),
  deadLetterTopic: option({
    flag: 'dlq-topic',
    env: 'KAFKA_DLQ_TOPIC',
    placeholder: 'NAME',
    description: 'dead-letter topic for invalid messages',
    default: 'events-dlq',
    schema: topicName,
  }),
  groupId: option({
    flag: 'group',
    env: 'INGESTER_GROUP_ID',
    placeholder: 'ID',
    description:
      'consumer group (the catalog annotation kafka.apache.org/consumer-groups names it)',
    default: 'events-ingester',
    schema: groupId,
  }),
  startFrom: option({
    flag: 'start-from',
    env: 'INGESTER_START_FROM',
    placeholder: 'earliest|latest',
    description: 'where a group without committed offsets starts',
    default: 'earliest',
    schema: z.enum(['earliest', 'latest'], {
      error: 'must be earliest or latest',
    }),
  }),
  concurrency: option({
    flag: 'concurrency',
    env: 'INGESTER_CONCURRENCY',
    placeholder: 'N',
    description:
      'partition batches handled at once (>= partitions per ingester)',
    default: '32',
    schema: positiveInt,
  }),
  maxBytesPerPartition: option({
    flag: 'max-bytes-per-partition',
    env: 'INGESTER_MAX_BYTES_PER_PARTITION',
    placeholder: 'BYTES',
    description: 'fetch size per partition',
    default: '1048576',
    schema: positiveInt,
  }),
  sessionTimeout: option({
    flag: 'session-timeout',
    env: 'INGESTER_SESSION_TIMEOUT',
    placeholder: 'DURATION',
    description:
      'how long the group waits for a silent member before reassigning its partitions (Kafka allows 6s..5m by default)',
    default: '30s',
    schema: positiveDuration,
  }),
  clickhouseUrl: option({
    flag: 'clickhouse-url',
    env: 'CLICKHOUSE_URL',
    placeholder: 'URL',
    description: 'ClickHouse HTTP endpoint',
    default: 'http://127.0.0.1:8123',
    schema: httpUrl,
  }),
  clickhouseUser: option({
    flag: 'clickhouse-user',
    env: 'CLICKHOUSE_WRITER_USER',
    placeholder: 'NAME',
    description:
      'ClickHouse user (password: env CLICKHOUSE_WRITER_PASSWORD only)',
    default: 'plinth_writer',
    schema: z.string().min(1, { error: 'must not be empty' }),
  }),
  database: option({
    flag: 'database',
    env: 'CLICKHOUSE_DATABASE',
    placeholder: 'NAME',
    description: 'ClickHouse database',
    default: 'plinth_events',
    schema: identifier,
  }),
  eventsTable: option({
    flag: 'events-table',
    env: 'INGESTER_EVENTS_TABLE',
    placeholder: 'NAME',
    description: 'table for events',
    default: 'events',
    schema: identifier,
  }),
  batchesTable: option({
    flag: 'batches-table',
    env: 'INGESTER_BATCHES_TABLE',
    placeholder: 'NAME',
    description: 'table for per-batch statistics',
    default: 'ingest_batches',
    schema: identifier,
  }),
  deadLettersTable: option({
    flag: 'dead-letters-table',
    env: 'INGESTER_DEAD_LETTERS_TABLE',
    placeholder: 'NAME',
    description: 'table recording dead letters',
    default: 'dead_letters',
    schema: identifier,
  }),
  clickhouseTimeout: option({
    flag: 'clickhouse-timeout',
    env: 'CLICKHOUSE_REQUEST_TIMEOUT',
    placeholder: 'DURATION',
    description: 'per-request timeout (a timed-out insert is retried)',
    default: '15s',
    schema: positiveDuration,
  }),
  maxBatchRows: option({
    flag: 'max-batch-rows',
    env: 'INGESTER_MAX_BATCH_ROWS',
    placeholder: 'N',
    description: 'flush when this many records are pending; largest insert',
    default: '20000',
    schema: positiveInt,
  }),
  maxBatchWait: option({
    flag: 'max-batch-wait',
    env: 'INGESTER_MAX_BATCH_WAIT',
    placeholder: 'DURATION',
    description: 'flush when the oldest pending record waited this long',
    default: '20ms',
    schema: duration,
  }),
  retryInitial: option({
    flag: 'retry-initial',
    env: 'INGESTER_RETRY_INITIAL',
    placeholder: 'DURATION',
    description: 'first retry delay after a failed insert',
    default: '100ms',
    schema: positiveDuration,
  }),
  retryMax: option({
    flag: 'retry-max',
    env: 'INGESTER_RETRY_MAX',
    placeholder: 'DURATION',
    description: 'longest retry delay (retries go on until stopped)',
    default: '5s',
    schema: positiveDuration,
  }),
  drainTimeout: option({
    flag: 'drain-timeout',
    env: 'INGESTER_DRAIN_TIMEOUT',
    placeholder: 'DURATION',
    description: 'on SIGTERM, how long a pending insert may still retry',
    default: '30s',
    schema: positiveDuration,
  }),
  ingesterId: option({
    flag: 'ingester-id',
    env: 'INGESTER_ID',
    placeholder: 'ID',
    description:
      'name in ingest_batches and dead-letter headers (default: host-pid)',
    schema: label,
  }),
  statsInterval: option({
    flag: 'stats-interval',
    env: 'INGESTER_STATS_INTERVAL',
    placeholder: 'DURATION',
    description: 'how often to log throughput and lag (0s = never)',
    default: '10s',
    schema: duration,
  }),
  logLevel: logLevelOption,
};

export interface IngesterConfig {
  kafka: {
    brokers: string[];
    topic: string;
    deadLetterTopic: string;
    groupId: string;
    fromBeginning: boolean;
    concurrency: number;
    maxBytesPerPartition: number;
    sessionTimeoutMs: number;
  };
  clickhouse: {
    url: string;
    username: string;
    password: string;
    database: string;
    requestTimeoutMs: number;
    tables: { events: string; batches: string; deadLetters: string };
  };
  batching: { maxRows: number; maxWaitMs: number };
  retry: { initialMs: number; maxMs: number };
  drainTimeoutMs: number;
  ingesterId: string;
  statsIntervalMs: number;
  logLevel: LogLevel;
}

/** The local dev password set by infra/clickhouse/clickhouse.sh; only used on loopback. */
export const DEV_WRITER_PASSWORD = 'plinth-writer-dev';

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

export const INGESTER_USAGE_NOTES = [
  'Environment only: CLICKHOUSE_WRITER_PASSWORD (required unless ClickHouse is on loopback, where',
  `the local dev password "${DEV_WRITER_PASSWORD}" applies).`,
  'Exit codes: 0 stopped cleanly (SIGTERM/SIGINT), 1 unexpected failure, 2 bad configuration,',
  '3 Kafka/ClickHouse unreachable, credentials rejected, or a topic/table missing.',
];

export function ingesterUsage(command = 'yarn ingester'): string {
  return usage(
    command,
    'Consumes the events topic and inserts it into ClickHouse in batches, committing Kafka offsets\n' +
      'only after ClickHouse acknowledged; invalid messages go to the dead-letter topic.',
    INGESTER_OPTIONS,
    INGESTER_USAGE_NOTES,
  );
}

/** Parses flags and environment; `undefined` means --help was asked for. */
export function parseIngesterConfig(
  argv: string[],
  env: Environment,
  defaults: { hostname?: string; pid?: number } = {},
): IngesterConfig | undefined {
  const { help, values: v } = parseOptions(INGESTER_OPTIONS, argv, env);
  if (help) {
    return undefined;
  }
  let password = env.CLICKHOUSE_WRITER_PASSWORD;
  if (password === undefined) {
    if (!isLoopback(v.clickhouseUrl)) {
      throw new ConfigError(
        `CLICKHOUSE_WRITER_PASSWORD is required for ClickHouse at ${v.clickhouseUrl} (the dev default applies to loopback only)`,
      );
    }
    password = DEV_WRITER_PASSWORD;
  }
  if (v.retryMax < v.retryInitial) {
    throw new ConfigError(
      `--retry-max (${v.retryMax}ms) must not be shorter than --retry-initial (${v.retryInitial}ms)`,
    );
  }
  const tables = [v.eventsTable, v.batchesTable, v.deadLettersTable];
  if (new Set(tables).size !== tables.length) {
    throw new ConfigError(
      `--events-table, --batches-table and --dead-letters-table must differ, got ${tables.join(
        ', ',
      )}`,
    );
  }
  if (v.topic === v.deadLetterTopic) {
    throw new ConfigError(
      `--dlq-topic must differ from --topic (both ${v.topic})`,
    );
  }
  const hostname = (defaults.hostname ?? os.hostname()).replace(
    /[^A-Za-z0-9._-]/g,
    '-',
  );
  return {
    kafka: {
      brokers: v.brokers,
      topic: v.topic,
      deadLetterTopic: v.deadLetterTopic,
      groupId: v.groupId,
      fromBeginning: v.startFrom === 'earliest',
      concurrency: v.concurrency,
      maxBytesPerPartition: v.maxBytesPerPartition,
      sessionTimeoutMs: v.sessionTimeout,
    },
    clickhouse: {
      url: v.clickhouseUrl,
      username: v.clickhouseUser,
      password,
      database: v.database,
      requestTimeoutMs: v.clickhouseTimeout,
      tables: {
        events: v.eventsTable,
        batches: v.batchesTable,
        deadLetters: v.deadLettersTable,
      },
    },
    batching: { maxRows: v.maxBatchRows, maxWaitMs: v.maxBatchWait },
    retry: { initialMs: v.retryInitial, maxMs: v.retryMax },
    drainTimeoutMs: v.drainTimeout,
    ingesterId: v.ingesterId ?? `${hostname}-${defaults.pid ?? process.pid}`,
    statsIntervalMs: v.statsInterval,
    logLevel: v.logLevel,
  };
}

/**
 * Configuration from the environment, checked in one place: a bad value stops the process
 * at start with a message naming the variable, never half-way through a batch.
 */
import { LogLevel, parseLogLevel } from './logger';

export class ConfigError extends Error {
  name = 'ConfigError';
}

export interface ConsumerConfig {
  kafka: { brokers: string[]; topic: string; deadLetterTopic: string; groupId: string };
  clickhouse: { url: string; username: string; password: string; database: string; table: string };
  batching: { maxRows: number; maxWaitMs: number };
  logLevel: LogLevel;
}

/** ClickHouse identifiers come from configuration only, and only in this shape (no quoting needed). */
export const IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const TOPIC_PATTERN = /^[A-Za-z0-9._-]{1,249}$/;

type Environment = Record<string, string | undefined>;

function required(env: Environment, name: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw new ConfigError(`${name} is required`);
  }
  return value.trim();
}

function matching(env: Environment, name: string, pattern: RegExp, fallback?: string): string {
  const value = env[name]?.trim() || fallback;
  if (value === undefined) {
    throw new ConfigError(`${name} is required`);
  }
  if (!pattern.test(value)) {
    throw new ConfigError(`${name} "${value}" does not match ${pattern}`);
  }
  return value;
}

function positiveInt(env: Environment, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigError(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}

export function parseConfig(env: Environment): ConsumerConfig {
  const brokers = required(env, 'KAFKA_BROKERS')
    .split(',')
    .map(b => b.trim())
    .filter(Boolean);
  for (const broker of brokers) {
    if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(broker)) {
      throw new ConfigError(`KAFKA_BROKERS: "${broker}" is not host:port`);
    }
  }
  const topic = matching(env, 'KAFKA_TOPIC', TOPIC_PATTERN);
  const deadLetterTopic = matching(env, 'KAFKA_DLQ_TOPIC', TOPIC_PATTERN, `${topic}-dlq`);
  if (deadLetterTopic === topic) {
    throw new ConfigError(`KAFKA_DLQ_TOPIC must differ from KAFKA_TOPIC (both ${topic})`);
  }
  const url = required(env, 'CLICKHOUSE_URL');
  if (!/^https?:\/\//.test(url)) {
    throw new ConfigError(`CLICKHOUSE_URL "${url}" is not an http(s) URL`);
  }
  return {
    kafka: {
      brokers,
      topic,
      deadLetterTopic,
      groupId: matching(env, 'KAFKA_GROUP_ID', /^[A-Za-z0-9._-]{1,255}$/),
    },
    clickhouse: {
      url,
      username: required(env, 'CLICKHOUSE_USER'),
      password: required(env, 'CLICKHOUSE_PASSWORD'),
      database: matching(env, 'CLICKHOUSE_DATABASE', IDENTIFIER_PATTERN),
      table: matching(env, 'CLICKHOUSE_TABLE', IDENTIFIER_PATTERN),
    },
    batching: {
      maxRows: positiveInt(env, 'MAX_BATCH_ROWS', 20_000),
      maxWaitMs: positiveInt(env, 'MAX_BATCH_WAIT_MS', 200),
    },
    logLevel: parseLogLevel(env.LOG_LEVEL),
  };
}

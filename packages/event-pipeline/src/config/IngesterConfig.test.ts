import { ConfigError } from '../errors';
import {
  DEV_WRITER_PASSWORD,
  ingesterUsage,
  parseIngesterConfig,
} from './IngesterConfig';

const parse = (argv: string[], env: Record<string, string> = {}) =>
  parseIngesterConfig(argv, env, { hostname: 'host', pid: 42 });

describe('parseIngesterConfig', () => {
  it('has working defaults for the local infrastructure', () => {
    const config = parse([])!;
    expect(config.kafka).toEqual({
      brokers: ['127.0.0.1:9092'],
      topic: 'events-raw',
      deadLetterTopic: 'events-dlq',
      groupId: 'events-ingester',
      fromBeginning: true,
      concurrency: 32,
      maxBytesPerPartition: 1048576,
      sessionTimeoutMs: 30000,
    });
    expect(config.clickhouse).toMatchObject({
      url: 'http://127.0.0.1:8123',
      username: 'plinth_writer',
      password: DEV_WRITER_PASSWORD,
      database: 'plinth_events',
      tables: {
        events: 'events',
        batches: 'ingest_batches',
        deadLetters: 'dead_letters',
      },
    });
    expect(config.batching).toEqual({ maxRows: 20000, maxWaitMs: 20 });
    expect(config.ingesterId).toBe('host-42');
  });

  it('reads the environment that kafka.sh env and clickhouse.sh env print', () => {
    const config = parse([], {
      KAFKA_BOOTSTRAP_SERVERS: '127.0.0.1:29092,127.0.0.1:29094',
      KAFKA_EVENTS_TOPIC: 'bench-events',
      CLICKHOUSE_URL: 'http://127.0.0.1:28123',
      CLICKHOUSE_DATABASE: 'other_db',
    })!;
    expect(config.kafka.brokers).toEqual([
      '127.0.0.1:29092',
      '127.0.0.1:29094',
    ]);
    expect(config.kafka.topic).toBe('bench-events');
    expect(config.clickhouse.url).toBe('http://127.0.0.1:28123');
    expect(config.clickhouse.database).toBe('other_db');
  });

  it('lets a flag win over its environment variable', () => {
    const config = parse(['--max-batch-rows', '500'], {
      INGESTER_MAX_BATCH_ROWS: '9',
    })!;
    expect(config.batching.maxRows).toBe(500);
  });

  it('lets a repeated flag override an earlier one (extra flags after ingesterArgs)', () => {
    const config = parse([
      '--session-timeout',
      '6s',
      '--session-timeout',
      '30s',
    ])!;
    expect(config.kafka.sessionTimeoutMs).toBe(30000);
  });

  it('names the flag and the bad value', () => {
    expect(() => parse(['--max-batch-rows', 'lots'])).toThrow(
      new ConfigError(
        '--max-batch-rows: must be a positive whole number, got "lots"',
      ),
    );
  });

  it('names the environment variable when the value came from there', () => {
    expect(() => parse([], { INGESTER_MAX_BATCH_WAIT: '20' })).toThrow(
      /^INGESTER_MAX_BATCH_WAIT \(for --max-batch-wait\): must be a duration with a unit/,
    );
  });

  it('rejects unknown flags', () => {
    expect(() => parse(['--max-batch-row', '5'])).toThrow(
      /Unknown option '--max-batch-row'.*--help/,
    );
  });

  it('rejects table names that are not plain identifiers', () => {
    expect(() => parse(['--events-table', 'events; DROP TABLE x'])).toThrow(
      /--events-table: must be a plain identifier/,
    );
  });

  it('requires a password for a ClickHouse that is not on loopback', () => {
    expect(() =>
      parse(['--clickhouse-url', 'https://ch.example:8443']),
    ).toThrow(/CLICKHOUSE_WRITER_PASSWORD is required/);
    expect(
      parse(['--clickhouse-url', 'https://ch.example:8443'], {
        CLICKHOUSE_WRITER_PASSWORD: 's3cret',
      })!.clickhouse.password,
    ).toBe('s3cret');
  });

  it('refuses the same topic for events and dead letters', () => {
    expect(() => parse(['--dlq-topic', 'events-raw'])).toThrow(
      /--dlq-topic must differ/,
    );
  });

  it('returns undefined for --help and documents every flag', () => {
    expect(parse(['--help'])).toBeUndefined();
    const help = ingesterUsage();
    for (const flag of [
      '--brokers',
      '--max-batch-wait',
      '--drain-timeout',
      'CLICKHOUSE_WRITER_PASSWORD',
    ]) {
      expect(help).toContain(flag);
    }
  });
});

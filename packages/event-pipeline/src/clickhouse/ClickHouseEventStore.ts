import {
  ClickHouseClient,
  ClickHouseLogLevel,
  createClient,
} from '@clickhouse/client';
import {
  ClickHouseAuthError,
  ClickHouseUnreachableError,
  PipelineError,
  TableMissingError,
} from '../errors';
import {
  DeadLetterRow,
  EventRow,
  EventStore,
  IngestBatchRow,
} from './EventStore';
import { checkIdentifier, qualifiedTable, sqlString } from './sql';

export interface ClickHouseConnectionOptions {
  url: string;
  username: string;
  password: string;
  database: string;
  requestTimeoutMs?: number;
  application?: string;
}

export interface EventStoreTables {
  events: string;
  batches: string;
  deadLetters: string;
}

/** Columns the ingester writes, with their types, per table role. */
export const EXPECTED_COLUMNS: Record<
  keyof EventStoreTables,
  Record<string, string>
> = {
  events: {
    event_id: 'String',
    type: 'String',
    source: 'String',
    tenant: 'String',
    occurred_at_ms: 'UInt64',
    ingested_at_ms: 'UInt64',
    payload: 'String',
    topic: 'String',
    kafka_partition: 'UInt32',
    kafka_offset: 'UInt64',
  },
  batches: {
    batch_id: 'String',
    ingester_id: 'String',
    committed_at_ms: 'UInt64',
    topic: 'String',
    kafka_partition: 'UInt32',
    first_offset: 'UInt64',
    last_offset: 'UInt64',
    rows: 'UInt64',
    min_latency_ms: 'UInt64',
    max_latency_ms: 'UInt64',
    sum_latency_ms: 'UInt64',
    insert_duration_ms: 'UInt64',
    latency_bounds_ms: 'Array(UInt64)',
    latency_counts: 'Array(UInt64)',
  },
  deadLetters: {
    dead_lettered_at_ms: 'UInt64',
    reason: 'String',
    error: 'String',
    event_id: 'String',
    topic: 'String',
    kafka_partition: 'UInt32',
    kafka_offset: 'UInt64',
  },
};

const AUTH_CODES = new Set([192, 193, 194, 516]);
const ACCESS_CODES = new Set([291, 497]);
const MISSING_CODES = new Set([60, 81]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/** The server's error code: 18.16 answers "Code: 193, e.displayText() = ...". */
export function clickHouseErrorCode(error: unknown): number | undefined {
  if (!(error instanceof Error)) {
    return undefined;
  }
  const code = Number((error as { code?: unknown }).code);
  if (Number.isInteger(code) && code > 0) {
    return code;
  }
  const match = /^Code: (\d+)/.exec(error.message);
  return match ? Number(match[1]) : undefined;
}

function shortMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // "Code: 60, e.displayText() = DB::Exception: Table x doesn't exist., e.what() = ..."
  const display =
    /e\.displayText\(\) = (?:DB::Exception: )?(.*?)(?:, e\.what\(\) = .*)?$/s.exec(
      message.trim(),
    );
  return (display ? display[1] : message).trim();
}

/** Maps a client or server failure to a typed error with a hint, if we know it. */
export function classifyClickHouseError(
  error: unknown,
  options: ClickHouseConnectionOptions,
): PipelineError | undefined {
  if (error instanceof PipelineError) {
    return error;
  }
  const networkCode = (error as { code?: unknown } | undefined)?.code;
  if (
    (typeof networkCode === 'string' && NETWORK_CODES.has(networkCode)) ||
    (error instanceof Error &&
      /socket hang up|Timeout error/i.test(error.message))
  ) {
    return new ClickHouseUnreachableError(
      `cannot reach ClickHouse at ${options.url}: ${shortMessage(error)}`,
      'is ClickHouse running and is the URL right? (infra/clickhouse/clickhouse.sh up; --clickhouse-url / CLICKHOUSE_URL)',
      { cause: error },
    );
  }
  const code = clickHouseErrorCode(error);
  if (code !== undefined && AUTH_CODES.has(code)) {
    return new ClickHouseAuthError(
      `ClickHouse at ${options.url} rejected user ${JSON.stringify(
        options.username,
      )}: ${shortMessage(error)}`,
      'check --clickhouse-user / CLICKHOUSE_WRITER_USER and CLICKHOUSE_WRITER_PASSWORD',
      { cause: error },
    );
  }
  if (code !== undefined && ACCESS_CODES.has(code)) {
    return new ClickHouseAuthError(
      `ClickHouse user ${JSON.stringify(
        options.username,
      )} may not use database ${options.database}: ${shortMessage(error)}`,
      'use the writer user (plinth_writer) or grant it the database',
      { cause: error },
    );
  }
  if (code !== undefined && MISSING_CODES.has(code)) {
    return new TableMissingError(
      `ClickHouse at ${options.url}: ${shortMessage(error)}`,
      'apply the schema (infra/clickhouse/clickhouse.sh up applies infra/clickhouse/schema/*.sql)',
      { cause: error },
    );
  }
  return undefined;
}

/** Human-readable form of any ClickHouse failure, for logs. */
export function describeClickHouseError(
  error: unknown,
  options: ClickHouseConnectionOptions,
): string {
  return (
    classifyClickHouseError(error, options)?.message ?? shortMessage(error)
  );
}

export function createClickHouseClient(
  options: ClickHouseConnectionOptions,
): ClickHouseClient {
  return createClient({
    url: options.url,
    username: options.username,
    password: options.password,
    database: checkIdentifier(options.database, 'database'),
    application: options.application ?? 'plinth-event-pipeline',
    request_timeout: options.requestTimeoutMs ?? 30000,
    max_open_connections: 4,
    // Our own logger reports failures (with the retry that follows); the client's would
    // print multi-line stack traces for every attempt while ClickHouse is down.
    log: { level: ClickHouseLogLevel.OFF },
  });
}

/**
 * Checks that ClickHouse answers, the credentials work, and every table exists with the
 * columns we write. Throws one typed error that names everything that is missing.
 */
export async function verifyTables(
  client: ClickHouseClient,
  options: ClickHouseConnectionOptions,
  tables: EventStoreTables,
): Promise<void> {
  const database = checkIdentifier(options.database, 'database');
  const names = Object.fromEntries(
    Object.entries(tables).map(([role, name]) => [
      role,
      checkIdentifier(name, `${role} table`),
    ]),
  ) as unknown as EventStoreTables;
  const rethrow = (e: unknown): never => {
    throw classifyClickHouseError(e, options) ?? e;
  };
  await client
    .query({ query: 'SELECT 1', format: 'JSON' })
    .then(r => r.json(), rethrow);

  const list = Object.values(names).map(sqlString).join(', ');
  const columns = await client
    .query({
      query: `SELECT table, name, type FROM system.columns WHERE database = ${sqlString(
        database,
      )} AND table IN (${list})`,
      format: 'JSONEachRow',
    })
    .then(
      r => r.json<{ table: string; name: string; type: string }>(),
      rethrow,
    );

  const problems: string[] = [];
  for (const role of Object.keys(EXPECTED_COLUMNS) as Array<
    keyof EventStoreTables
  >) {
    const table = names[role];
    const have = new Map(
      columns.filter(c => c.table === table).map(c => [c.name, c.type]),
    );
    if (have.size === 0) {
      problems.push(`table ${database}.${table} does not exist`);
      continue;
    }
    const wrong = Object.entries(EXPECTED_COLUMNS[role])
      .filter(([name, type]) => have.get(name) !== type)
      .map(([name, type]) =>
        have.has(name)
          ? `${name} is ${have.get(name)}, not ${type}`
          : `${name} ${type} is missing`,
      );
    if (wrong.length > 0) {
      problems.push(`table ${database}.${table}: ${wrong.join(', ')}`);
    }
  }
  if (problems.length > 0) {
    throw new TableMissingError(
      `ClickHouse at ${options.url}: ${problems.join('; ')}`,
      'apply the schema (infra/clickhouse/clickhouse.sh up applies infra/clickhouse/schema/*.sql; an older table needs `clickhouse.sh down --wipe` or an ALTER) or fix --events-table / --batches-table / --dead-letters-table',
    );
  }
  // Reading a table proves the user may use the database (18.16: allow_databases).
  await client
    .query({
      query: `SELECT 1 FROM ${qualifiedTable(database, names.events)} WHERE 0`,
      format: 'JSON',
    })
    .then(r => r.json(), rethrow);
}

export class ClickHouseEventStore implements EventStore {
  private readonly events: string;
  private readonly batches: string;
  private readonly deadLetters: string;

  private constructor(
    private readonly client: ClickHouseClient,
    options: ClickHouseConnectionOptions,
    tables: EventStoreTables,
  ) {
    this.events = qualifiedTable(options.database, tables.events);
    this.batches = qualifiedTable(options.database, tables.batches);
    this.deadLetters = qualifiedTable(options.database, tables.deadLetters);
  }

  /** Connects and verifies the tables (see verifyTables). */
  static async connect(
    options: ClickHouseConnectionOptions,
    tables: EventStoreTables,
  ): Promise<ClickHouseEventStore> {
    const client = createClickHouseClient(options);
    try {
      await verifyTables(client, options, tables);
    } catch (e) {
      await client.close();
      throw e;
    }
    return new ClickHouseEventStore(client, options, tables);
  }

  /** Verifies the tables over an existing client (tests: chDB's in-process connection). */
  static async withClient(
    client: ClickHouseClient,
    options: ClickHouseConnectionOptions,
    tables: EventStoreTables,
  ): Promise<ClickHouseEventStore> {
    await verifyTables(client, options, tables);
    return new ClickHouseEventStore(client, options, tables);
  }

  async insertEvents(rows: EventRow[]): Promise<void> {
    await this.insert(this.events, rows);
  }

  async insertBatches(rows: IngestBatchRow[]): Promise<void> {
    await this.insert(this.batches, rows);
  }

  async insertDeadLetters(rows: DeadLetterRow[]): Promise<void> {
    await this.insert(this.deadLetters, rows);
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async insert(table: string, rows: object[]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    await this.client.insert({ table, values: rows, format: 'JSONEachRow' });
  }
}

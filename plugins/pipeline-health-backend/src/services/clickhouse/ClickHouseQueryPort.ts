import {
  ClickHouseClient,
  ClickHouseLogLevel,
  createClient,
} from '@clickhouse/client';
import { ServiceUnavailableError } from '@backstage/errors';

/**
 * The narrow view of ClickHouse the metrics collector reads through: one read query at a
 * time, each bounded by a timeout. Tests above this use a typed fake; the implementation
 * below is tested against Debian's 18.16 server and against chDB (current ClickHouse).
 */
export interface ClickHouseQueryPort {
  /** Where the queries go, for messages (`http://host:8123`; never credentials). */
  readonly location: string;
  /**
   * Runs one SELECT and returns its rows as JSON objects. UInt64 values arrive as strings
   * from 18.16 (the read-only user cannot change that) and as numbers from current
   * releases: callers convert with Number().
   */
  query<T>(sql: string, options: { timeoutMs: number }): Promise<T[]>;
  close(): Promise<void>;
}

export type ClickHouseQueryPortOptions = {
  url: string;
  username: string;
  password: string;
  /** The client-side backstop; each query also gets its own timeout. */
  requestTimeoutMs: number;
};

/** ClickHouse did not answer within the query's timeout; the query was abandoned. */
export class ClickHouseQueryTimeoutError extends ServiceUnavailableError {
  constructor(readonly timeoutMs: number) {
    super(`ClickHouse query timed out after ${timeoutMs} ms`);
  }
}

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

/**
 * The server's message without 18.16's decoration ("Code: 60, e.displayText() =
 * DB::Exception: ..., e.what() = DB::Exception") and on one line.
 */
export function shortClickHouseMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const display =
    /e\.displayText\(\) = (?:DB::Exception: )?(.*?)(?:, e\.what\(\) = .*)?$/s.exec(
      message.trim(),
    );
  return (display ? display[1] : message).replace(/\s+/g, ' ').trim();
}

/** A port over an `@clickhouse/client` client (HTTP, or chDB's in-process connection). */
export class ClickHouseClientQueryPort implements ClickHouseQueryPort {
  constructor(
    private readonly client: ClickHouseClient,
    readonly location: string,
  ) {}

  /** An HTTP client for the read-only dashboard user. */
  static connect(
    options: ClickHouseQueryPortOptions,
  ): ClickHouseClientQueryPort {
    const client = createClient({
      url: options.url,
      username: options.username,
      password: options.password,
      application: 'plinth-pipeline-health',
      request_timeout: options.requestTimeoutMs,
      // readonly=1 refuses any setting sent with a query, and response compression is one
      // (enable_http_compression): leave it off, and send no clickhouse_settings.
      compression: { response: false, request: false },
      max_open_connections: 4,
      // Failures become the source's state (logged by the collector on changes only);
      // the client's own logger would print a stack trace per failed query.
      log: { level: ClickHouseLogLevel.OFF },
    });
    return new ClickHouseClientQueryPort(client, new URL(options.url).origin);
  }

  async query<T>(sql: string, options: { timeoutMs: number }): Promise<T[]> {
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      // Abandons the HTTP request; the server stops the query at the dashboard profile's
      // max_execution_time at the latest (a read-only user cannot KILL QUERY).
      abort.abort();
    }, options.timeoutMs);
    try {
      const result = await this.client.query({
        query: sql,
        format: 'JSONEachRow',
        abort_signal: abort.signal,
      });
      return await result.json<T>();
    } catch (error) {
      if (timedOut) {
        throw new ClickHouseQueryTimeoutError(options.timeoutMs);
      }
      const code = (error as { code?: unknown } | undefined)?.code;
      if (
        (typeof code === 'string' && NETWORK_CODES.has(code)) ||
        (error instanceof Error &&
          /socket hang up|Timeout error/i.test(error.message))
      ) {
        throw new ServiceUnavailableError(
          `ClickHouse at ${
            this.location
          } is unreachable: ${shortClickHouseMessage(error)}`,
        );
      }
      throw new ServiceUnavailableError(
        `ClickHouse at ${
          this.location
        } refused a query: ${shortClickHouseMessage(error)}`,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

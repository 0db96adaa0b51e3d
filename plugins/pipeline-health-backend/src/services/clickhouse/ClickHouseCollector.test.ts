import net from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import { readPipelineHealthConfig } from '../../config';
import {
  ClickHouseCollector,
  createClickHouseCollector,
  trackedTablesForAnnotation,
} from './ClickHouseCollector';
import {
  ClickHouseClientQueryPort,
  ClickHouseQueryPort,
} from './ClickHouseQueryPort';
import { TrackedClickHouseTables } from './ClickHouseMetricsReader';

const NOW = Date.parse('2026-11-30T12:00:00Z');

/**
 * A typed fake ClickHouse: answers each of the reader's statements by the table it reads,
 * like a server holding a little data would (UInt64 as strings, as 18.16 sends them).
 */
class FakeClickHouse implements ClickHouseQueryPort {
  readonly location = 'http://fake:8123';
  readonly queries: string[] = [];
  tables = new Set(['db.events', 'db.ingest_batches', 'db.dead_letters']);
  down = false;
  queryLogFails = false;

  async query<T>(sql: string): Promise<T[]> {
    this.queries.push(sql);
    if (this.down) {
      throw new ServiceUnavailableError(
        `ClickHouse at ${this.location} is unreachable: connect ECONNREFUSED`,
      );
    }
    let rows: unknown[];
    if (sql.includes('FROM system.tables')) {
      rows = [...this.tables].map(t => {
        const [database, name] = t.split('.');
        return { database, name };
      });
    } else if (sql.includes('sumForEach')) {
      rows = [
        {
          bounds: ['10', '20'],
          counts: ['30', '0', '0'],
          events: '30',
          newest: String(NOW - 2000),
        },
      ];
    } else if (sql.includes('reason')) {
      rows = [{ reason: 'invalid-json', n: '3' }];
    } else if (sql.includes('system.parts')) {
      rows = [{ parts: '301', part_rows: '1000', part_bytes: '4096' }];
    } else if (sql.includes('query_log')) {
      if (this.queryLogFails) {
        throw new Error(
          "Code: 60, e.displayText() = DB::Exception: Table system.query_log doesn't exist., e.what() = DB::Exception",
        );
      }
      rows = [{ q: [12, 340], n: '7' }];
    } else {
      throw new Error(`unexpected statement: ${sql}`);
    }
    return rows as T[];
  }

  async close() {}
}

const tables = (events = 'events'): TrackedClickHouseTables => ({
  events: { database: 'db', table: events },
  ingestBatches: { database: 'db', table: 'ingest_batches' },
  deadLetters: { database: 'db', table: 'dead_letters' },
});

function collectorOver(port: ClickHouseQueryPort, queryTimeoutMs = 5000) {
  const logger = mockServices.logger.mock();
  const collector = new ClickHouseCollector({
    port,
    logger,
    now: () => NOW,
    reader: {
      queryTimeoutMs,
      queryLogWindowMs: 15 * 60_000,
      ownUser: 'plinth_dashboard',
    },
  });
  return { collector, logger };
}

describe('ClickHouseCollector', () => {
  it('reports ok with the metrics of every tracked table after a poll', async () => {
    const { collector } = collectorOver(new FakeClickHouse());
    collector.setTrackedTables([tables()]);
    await collector.poll();
    const panel = collector.snapshot('db.events')!;
    expect(panel.source).toEqual({
      state: 'ok',
      lastSuccessAt: new Date(NOW).toISOString(),
    });
    expect(panel.metrics).toMatchObject({
      eventsInWindow: 30,
      eventsPerSecond: 0.1,
      freshnessMs: 2000,
      ingestionLatencyMs: { p50: 5, p95: 9.5, p99: 9.9 },
      deadLettersInWindow: 3,
      maxActivePartsPerPartition: 301,
      partsStatus: 'delaying-inserts',
      queryLatencyMs: { p50: 12, p99: 340, queries: 7 },
      queryLogFlushIntervalMs: 7500,
    });
  });

  it('says a tracked table has not been polled yet, and knows nothing of untracked ones', () => {
    const { collector } = collectorOver(new FakeClickHouse());
    collector.setTrackedTables([tables()]);
    expect(collector.snapshot('db.events')).toEqual({
      table: 'db.events',
      source: {
        state: 'unavailable',
        error: 'ClickHouse table db.events has not been polled yet',
      },
    });
    expect(collector.snapshot('db.other')).toBeUndefined();
  });

  it('refuses a table name that fails the identifier check without sending any query', async () => {
    const port = new FakeClickHouse();
    const { collector } = collectorOver(port);
    collector.setTrackedTables([tables('events; DROP TABLE x')]);
    await collector.poll();
    expect(port.queries).toEqual([]);
    expect(collector.snapshot('db.events; DROP TABLE x')!.source).toEqual({
      state: 'unavailable',
      error:
        'events table "events; DROP TABLE x" is not a plain identifier (a letter or _ followed by up to 63 letters, digits or _)',
    });
  });

  it('reports a missing table as unavailable, naming it and where it was configured', async () => {
    const port = new FakeClickHouse();
    port.tables.delete('db.dead_letters');
    const { collector } = collectorOver(port);
    collector.setTrackedTables([
      {
        ...tables(),
        origin: {
          deadLetters: 'pipelineHealth.pipelines[2].clickhouseDeadLettersTable',
        },
      },
    ]);
    await collector.poll();
    expect(collector.snapshot('db.events')!.source.error).toBe(
      'table db.dead_letters does not exist on http://fake:8123; check pipelineHealth.pipelines[2].clickhouseDeadLettersTable',
    );
    // Nothing named the missing table after the existence check.
    expect(port.queries).toHaveLength(1);
  });

  it('is degraded when only query_log fails, with the other metrics current', async () => {
    const port = new FakeClickHouse();
    port.queryLogFails = true;
    const { collector } = collectorOver(port);
    collector.setTrackedTables([tables()]);
    await collector.poll();
    const panel = collector.snapshot('db.events')!;
    expect(panel.source).toEqual({
      state: 'degraded',
      lastSuccessAt: new Date(NOW).toISOString(),
      error:
        "analytics query latency unavailable: Table system.query_log doesn't exist.",
    });
    expect(panel.metrics?.eventsInWindow).toBe(30);
    expect(panel.metrics?.queryLatencyMs).toEqual({ queries: 0 });
  });

  it('keeps the last metrics while unavailable and logs each change of state once', async () => {
    const port = new FakeClickHouse();
    const { collector, logger } = collectorOver(port);
    collector.setTrackedTables([tables()]);
    await collector.poll();
    const good = collector.snapshot('db.events')!;

    port.down = true;
    await collector.poll();
    await collector.poll();
    const down = collector.snapshot('db.events')!;
    expect(down.source).toEqual({
      state: 'unavailable',
      lastSuccessAt: good.source.lastSuccessAt,
      error:
        'ClickHouse at http://fake:8123 is unreachable: connect ECONNREFUSED',
    });
    expect(down.metrics).toEqual(good.metrics);

    port.down = false;
    await collector.poll();
    await collector.poll();
    expect(collector.snapshot('db.events')!.source.state).toBe('ok');
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledTimes(2); // first ok, and back to ok
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('names the annotation when a table it implies is missing', async () => {
    const port = new FakeClickHouse();
    port.tables.delete('db.ingest_batches');
    const { collector } = collectorOver(port);
    collector.setTrackedTables([
      trackedTablesForAnnotation(
        { database: 'db', table: 'events' },
        'component:default/checkout',
      ),
    ]);
    await collector.poll();
    expect(collector.snapshot('db.events')!.source.error).toBe(
      "table db.ingest_batches does not exist on http://fake:8123; check the plinth.dev/clickhouse-table annotation of component:default/checkout (its database's ingest_batches table)",
    );
  });

  it('reads at most `concurrency` tables at once', async () => {
    const port = new FakeClickHouse();
    const query = port.query.bind(port);
    // Every table's read begins with its system.tables check: with a bound of 2, at most
    // two of those are ever waiting at once (unbounded, all five would be).
    let checking = 0;
    let most = 0;
    port.query = async <T>(sql: string): Promise<T[]> => {
      if (!sql.includes('system.tables')) {
        return query<T>(sql);
      }
      checking += 1;
      most = Math.max(most, checking);
      // Yield to the event loop: unbounded, every other table would start its check now.
      await new Promise(resolve => setImmediate(resolve));
      checking -= 1;
      return query<T>(sql);
    };
    const many = [0, 1, 2, 3, 4].map(i => tables(`events_${i}`));
    many.forEach(t => port.tables.add(`db.${t.events.table}`));
    const collector = new ClickHouseCollector({
      port,
      logger: mockServices.logger.mock(),
      now: () => NOW,
      concurrency: 2,
      reader: {
        queryTimeoutMs: 5000,
        queryLogWindowMs: 60_000,
        ownUser: 'plinth_dashboard',
      },
    });
    collector.setTrackedTables(many);
    await collector.poll();
    expect(most).toBe(2);
    expect(
      many.map(t => collector.snapshot(`db.${t.events.table}`)?.source.state),
    ).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('runs one poll at a time', async () => {
    const port = new FakeClickHouse();
    const { collector } = collectorOver(port);
    collector.setTrackedTables([tables()]);
    const first = collector.poll();
    expect(collector.poll()).toBe(first);
    await first;
    // One cycle: existence, batches, dead letters, parts, query_log.
    expect(port.queries).toHaveLength(5);
  });

  it('tracks each events table once and forgets tables no longer tracked', async () => {
    const port = new FakeClickHouse();
    const { collector } = collectorOver(port);
    collector.setTrackedTables([tables(), tables()]);
    await collector.poll();
    expect(port.queries).toHaveLength(5);
    collector.setTrackedTables([]);
    expect(collector.snapshot('db.events')).toBeUndefined();
  });

  it('times out every query of a server that accepts connections and never answers', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer(socket => {
      sockets.add(socket);
    });
    await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
    const { port: tcpPort } = silent.address() as net.AddressInfo;
    const port = ClickHouseClientQueryPort.connect({
      url: `http://127.0.0.1:${tcpPort}`,
      username: 'plinth_dashboard',
      password: 'x',
      requestTimeoutMs: 10_000,
    });
    const { collector } = collectorOver(port, 300);
    collector.setTrackedTables([tables()]);
    try {
      const started = Date.now();
      await collector.poll();
      expect(Date.now() - started).toBeLessThan(3000);
      expect(collector.snapshot('db.events')!.source).toEqual({
        state: 'unavailable',
        error: 'ClickHouse query timed out after 300 ms',
      });
    } finally {
      await collector.close();
      sockets.forEach(s => s.destroy());
      await new Promise(resolve => silent.close(resolve));
    }
  });
});

describe('createClickHouseCollector', () => {
  it('is undefined when pipelineHealth.clickhouse is not configured', () => {
    const config = readPipelineHealthConfig(
      mockServices.rootConfig({ data: { pipelineHealth: {} } }),
    );
    expect(
      createClickHouseCollector(config, mockServices.logger.mock()),
    ).toBeUndefined();
  });

  it('tracks the configured pipelines’ tables, defaulting the ingester tables to the same database', async () => {
    const config = readPipelineHealthConfig(
      mockServices.rootConfig({
        data: {
          pipelineHealth: {
            clickhouse: {
              url: 'http://127.0.0.1:1',
              queryLogFlushInterval: '10s',
            },
            pipelines: [
              {
                id: 'events',
                owner: 'group:default/data-platform',
                clickhouseTable: 'analytics.events',
              },
            ],
          },
        },
      }),
    );
    expect(config.clickhouse?.queryLogFlushIntervalMs).toBe(10_000);
    const logger = mockServices.logger.mock();
    logger.child.mockReturnValue(logger);
    const collector = createClickHouseCollector(config, logger)!;
    try {
      expect(collector.snapshot('analytics.events')?.source.state).toBe(
        'unavailable',
      );
      await collector.poll();
      // Port 1 refuses connections: the message names the server, not credentials.
      expect(collector.snapshot('analytics.events')!.source.error).toMatch(
        /^ClickHouse at http:\/\/127\.0\.0\.1:1 is unreachable: /,
      );
    } finally {
      await collector.close();
    }
  });
});

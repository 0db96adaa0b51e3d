import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { ClickHouseClient, createClient } from '@clickhouse/client';
import { REPO_ROOT } from './infra';

/**
 * chDB: the current ClickHouse engine (26.x) inside this process, for the two-engine SQL
 * tests. It is installed by `make chdb` (infra/clickhouse/chdb.sh) into .cache/chdb, never
 * as a workspace dependency (~570 MB), and plugs into @clickhouse/client through the
 * client's `connection` hook, so a test sends the same statements through the same client
 * API as it does to the 18.16 server.
 *
 * libchdb binds one data directory per process: one engine at a time (close it before
 * starting another). It has no users, no HTTP server and no system logs (see
 * infra/clickhouse/README.md).
 */
export const CHDB_PREFIX = path.join(REPO_ROOT, '.cache/chdb');

type ChdbModule = {
  Session: new (
    path: string,
    options?: { connectionArgs?: readonly string[] },
  ) => { close(): void };
  drainPending(): Promise<void>;
  version(): { libchdb?: string } & Record<string, unknown>;
};
type ClientConnection = NonNullable<
  NonNullable<Parameters<typeof createClient>[0]>['connection']
>;
type ChdbConnectionModule = {
  createChdbConnection(options: { path: string }): unknown;
};

function loadChdb(prefix: string): {
  chdb: ChdbModule;
  connection: ChdbConnectionModule;
} {
  const manifest = path.join(prefix, 'node_modules/chdb/package.json');
  if (!fs.existsSync(manifest)) {
    throw new Error(
      `chDB is not installed in ${prefix}: run \`make chdb\` (infra/clickhouse/chdb.sh install) first`,
    );
  }
  // Node's own require (not the test runner's registry): the native addon is loaded once
  // per process and shared by every test file that runs in it.
  const load = createRequire(path.join(prefix, 'package.json'));
  return {
    chdb: load('chdb') as ChdbModule,
    connection: load('chdb/connection') as ChdbConnectionModule,
  };
}

export interface ChdbEngine {
  client: ClickHouseClient;
  /** The engine's version, e.g. 26.7.2.1. */
  version: string;
  dataDir: string;
  /** Closes the client and the engine and deletes the data directory. */
  close(): Promise<void>;
}

/** Starts chDB on a fresh temporary data directory. */
export async function startChdb(
  options: { prefix?: string } = {},
): Promise<ChdbEngine> {
  const { chdb, connection } = loadChdb(options.prefix ?? CHDB_PREFIX);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plinth-chdb-'));
  // A session holds the engine open with its arguments; the client's connection joins
  // it on the same path (libchdb shares one engine per path).
  const session = new chdb.Session(dataDir, {
    connectionArgs: ['--async_load_databases=0'],
  });
  const client = createClient({
    // chdb pins its own copy of @clickhouse/client-common (same contract, another minor).
    connection: connection.createChdbConnection({
      path: dataDir,
    }) as ClientConnection,
  });
  const [row] = await (
    await client.query({
      query: 'SELECT version() AS v',
      format: 'JSONEachRow',
    })
  ).json<{ v: string }>();
  let closed = false;
  return {
    client,
    version: row.v,
    dataDir,
    async close() {
      if (closed) return;
      closed = true;
      await client.close();
      session.close();
      await chdb.drainPending();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const SCHEMA_DIR = path.join(REPO_ROOT, 'infra/clickhouse/schema');

/** The statements of one schema/*.sql file: `--` comments dropped, split at `;`. */
export function schemaStatements(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(line => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(';')
    .map(s => s.trim())
    .filter(s => s.length > 0);
}

const COLUMN_LINE =
  /^([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*) ([a-z_][a-z0-9_]*) ([A-Za-z0-9()]+)$/;

/**
 * Applies infra/clickhouse/schema the way clickhouse.sh does (for engines the script cannot
 * reach, chDB): every *.sql file in order, then each *.columns line ("database.table column
 * Type") as ALTER TABLE ... ADD COLUMN when system.columns lacks it (18.16 has no ADD
 * COLUMN IF NOT EXISTS). Returns the columns it added.
 */
export async function applySchema(client: ClickHouseClient): Promise<string[]> {
  const files = fs.readdirSync(SCHEMA_DIR).sort();
  for (const file of files.filter(f => f.endsWith('.sql'))) {
    for (const statement of schemaStatements(path.join(SCHEMA_DIR, file))) {
      await client.command({ query: statement });
    }
  }
  const added: string[] = [];
  for (const file of files.filter(f => f.endsWith('.columns'))) {
    const lines = fs
      .readFileSync(path.join(SCHEMA_DIR, file), 'utf8')
      .split('\n')
      .map(l => l.trim())
      .filter(l => l !== '' && !l.startsWith('#'));
    for (const line of lines) {
      const match = COLUMN_LINE.exec(line.replace(/\s+/g, ' '));
      if (!match) {
        throw new Error(
          `${file}: bad line '${line}' (want: database.table column Type)`,
        );
      }
      const [, db, table, column, type] = match;
      const [row] = await (
        await client.query({
          query: `SELECT count() AS n FROM system.columns WHERE database = '${db}' AND table = '${table}' AND name = '${column}'`,
          format: 'JSONEachRow',
        })
      ).json<{ n: string | number }>();
      if (Number(row.n) === 0) {
        await client.command({
          query: `ALTER TABLE ${db}.${table} ADD COLUMN ${column} ${type}`,
        });
        added.push(`${db}.${table}.${column}`);
      }
    }
  }
  return added;
}

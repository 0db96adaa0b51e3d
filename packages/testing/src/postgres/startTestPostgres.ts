import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
// This package lives at packages/testing in the repository whose infra/ holds the script.
const postgresScript = resolvePackagePath(
  '@plinth/testing',
  '../../infra/postgres/postgres.sh',
);

/** A throwaway PostgreSQL server on loopback, started by infra/postgres/postgres.sh. */
export type TestPostgres = {
  host: string;
  port: number;
  /** The superuser the script creates. */
  user: string;
  password: string;
  /** Connection settings for knex / pg, for one database (default `postgres`). */
  connection(database?: string): {
    host: string;
    port: number;
    user: string;
    password: string;
    database: string;
  };
  /** Fast shutdown and removal of the data directory. */
  stop(): Promise<void>;
};

/** A port the OS says is free now, so parallel runs and dev servers never clash. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a fresh PostgreSQL (new data directory, random password) and waits until it
 * accepts connections. The first start on a machine may install Debian's package through
 * the script, so allow a few minutes in beforeAll.
 */
export async function startTestPostgres(
  options: { port?: number } = {},
): Promise<TestPostgres> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'plinth-pg-'));
  const port = options.port ?? (await freeLoopbackPort());
  const password = randomBytes(12).toString('hex');
  const host = '127.0.0.1';
  const user = 'plinth';
  try {
    await run(postgresScript, [
      'up',
      '--dir',
      dir,
      '--port',
      String(port),
      '--password',
      password,
    ]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    host,
    port,
    user,
    password,
    connection: (database = 'postgres') => ({
      host,
      port,
      user,
      password,
      database,
    }),
    async stop() {
      try {
        await run(postgresScript, ['down', '--dir', dir]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

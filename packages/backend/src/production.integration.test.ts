import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

// Boots the real backend entry point with app-config.production.yaml against a real
// PostgreSQL started by the project's own script, and reads the catalog through it.
const root = path.resolve(__dirname, '../../..');
const postgresScript = path.join(root, 'infra/postgres/postgres.sh');

jest.setTimeout(240_000);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function eventually<T>(
  what: string,
  read: () => Promise<T | undefined>,
  timeoutMs = 150_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await read();
      if (value !== undefined) return value;
    } catch (e) {
      lastError = e;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`Timed out waiting for ${what}: ${lastError ?? 'no result'}`);
}

describe('production configuration on PostgreSQL', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'plinth-pg-'));
  const password = randomBytes(12).toString('hex');
  const token = randomBytes(24).toString('hex');
  let pgPort: number;
  let backendPort: number;
  let backend: ChildProcess | undefined;
  let backendLog = '';

  beforeAll(async () => {
    pgPort = await freePort();
    backendPort = await freePort();
    execFileSync(
      postgresScript,
      [
        'up',
        '--dir',
        dataDir,
        '--port',
        String(pgPort),
        '--password',
        password,
      ],
      { stdio: 'inherit' },
    );
    backend = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
        'src/index.ts',
        '--config',
        path.join(root, 'app-config.yaml'),
        '--config',
        path.join(root, 'app-config.production.yaml'),
      ],
      {
        cwd: path.join(root, 'packages/backend'),
        env: {
          ...process.env,
          NODE_ENV: 'production',
          PLINTH_BASE_URL: `http://localhost:${backendPort}`,
          PLINTH_PORT: String(backendPort),
          PLINTH_LISTEN_HOST: '127.0.0.1',
          PLINTH_AUTOMATION_TOKEN: token,
          POSTGRES_HOST: '127.0.0.1',
          POSTGRES_PORT: String(pgPort),
          POSTGRES_USER: 'plinth',
          POSTGRES_PASSWORD: password,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const keep = (chunk: Buffer) => {
      backendLog = (backendLog + chunk.toString()).slice(-20_000);
    };
    backend.stdout!.on('data', keep);
    backend.stderr!.on('data', keep);
    try {
      await eventually('backend readiness', async () => {
        if (backend?.exitCode !== null) {
          throw new Error(`backend exited with ${backend?.exitCode}`);
        }
        const res = await fetch(
          `http://127.0.0.1:${backendPort}/.backstage/health/v1/readiness`,
        );
        return res.ok ? true : undefined;
      });
    } catch (e) {
      throw new Error(`${e}\n--- backend log ---\n${backendLog}`);
    }
  });

  afterAll(async () => {
    if (backend && backend.exitCode === null) {
      const exited = new Promise(r => backend!.once('exit', r));
      backend.kill('SIGTERM');
      await Promise.race([exited, new Promise(r => setTimeout(r, 15_000))]);
      if (backend.exitCode === null) backend.kill('SIGKILL');
    }
    execFileSync(postgresScript, ['down', '--dir', dataDir], {
      stdio: 'inherit',
    });
    rmSync(dataDir, { recursive: true, force: true });
  });

  const catalogQuery = (headers: Record<string, string> = {}) =>
    fetch(
      `http://127.0.0.1:${backendPort}/api/catalog/entities/by-query?filter=kind=component&fields=metadata.name`,
      { headers },
    );

  it('serves the example catalog through the Postgres-backed backend', async () => {
    const names = await eventually('example components', async () => {
      const res = await catalogQuery({ Authorization: `Bearer ${token}` });
      if (!res.ok) throw new Error(`catalog answered ${res.status}`);
      const body = (await res.json()) as {
        items: Array<{ metadata: { name: string } }>;
      };
      const found = body.items.map(e => e.metadata.name);
      return found.includes('user-service') ? found : undefined;
    });
    expect(names).toEqual(
      expect.arrayContaining([
        'user-service',
        'billing-service',
        'plinth-portal',
      ]),
    );
  });

  it('stores the catalog in PostgreSQL, not in memory', async () => {
    const client = new Client({
      host: '127.0.0.1',
      port: pgPort,
      user: 'plinth',
      password,
      database: 'backstage_plugin_catalog',
    });
    await client.connect();
    try {
      const { rows } = await client.query(
        "select count(*)::int as n from search where key = 'metadata.name' and value = 'user-service'",
      );
      expect(rows[0].n).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it('rejects catalog requests without credentials', async () => {
    const res = await catalogQuery();
    expect(res.status).toBe(401);
  });

  it('refuses guest sign-in outside development', async () => {
    const res = await fetch(
      `http://127.0.0.1:${backendPort}/api/auth/guest/refresh`,
      { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
    );
    expect(res.ok).toBe(false);
    expect(await res.text()).toMatch(/guest provider/i);
  });
});

import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { eventually } from '@plinth/testing';

// Boots the real backend entry point with app-config.production.yaml against a real
// PostgreSQL started by the project's own script, and reads the catalog through it.
const root = path.resolve(__dirname, '../../..');
const postgresScript = path.join(root, 'infra/postgres/postgres.sh');

// Start-up transpiles the backend from source: on a busy 2-core machine (CI with other
// work running) readiness alone took about 150 s, hence the generous limits.
jest.setTimeout(330_000);

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

type Declared = {
  kind: string;
  metadata: { name: string; namespace?: string };
};

const refOf = ({ kind, metadata }: Declared) =>
  `${kind}:${metadata.namespace ?? 'default'}/${
    metadata.name
  }`.toLocaleLowerCase('en-US');

/**
 * Every entity the backend's configured catalog locations declare (app-config.yaml, paths
 * relative to packages/backend), following Location entities the way the catalog does.
 * The test waits for this whole set: the catalog stores entities one by one, so any single
 * one appearing says nothing about the others.
 */
function declaredEntityRefs(): string[] {
  const config = parseYaml(
    readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
  ) as { catalog: { locations: Array<{ type: string; target: string }> } };
  const refs = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const entity = doc.toJS() as
        | (Declared & { spec?: { target?: string; targets?: string[] } })
        | null;
      if (!entity) continue;
      refs.add(refOf(entity));
      if (entity.kind === 'Location') {
        const { target, targets = [] } = entity.spec ?? {};
        for (const t of target ? [target, ...targets] : targets) {
          visit(path.resolve(path.dirname(file), t));
        }
      }
    }
  };
  for (const location of config.catalog.locations) {
    if (location.type === 'file') {
      visit(path.resolve(root, 'packages/backend', location.target));
    }
  }
  return [...refs].sort();
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
          // Production signs in through OIDC; no IdP runs here (discovery is retried at the
          // first sign-in), the backend must start anyway.
          AUTH_SESSION_SECRET: randomBytes(24).toString('hex'),
          OIDC_METADATA_URL:
            'http://127.0.0.1:9/.well-known/openid-configuration',
          OIDC_CLIENT_ID: 'plinth-portal',
          OIDC_CLIENT_SECRET: randomBytes(24).toString('hex'),
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
    // A backend that dies at start-up fails the wait at once, with its log.
    const exited = new AbortController();
    backend.once('exit', (code, signal) =>
      exited.abort(new Error(`backend exited with ${code ?? signal}`)),
    );
    try {
      await eventually(
        'backend readiness',
        async () => {
          const res = await fetch(
            `http://127.0.0.1:${backendPort}/.backstage/health/v1/readiness`,
          );
          if (!res.ok) throw new Error(`readiness answered ${res.status}`);
        },
        { timeoutMs: 270_000, intervalMs: 500, signal: exited.signal },
      );
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
    const expected = declaredEntityRefs();
    // Guards the derivation itself: an empty or partial set would make the wait trivial.
    expect(expected).toEqual(
      expect.arrayContaining([
        'component:default/user-service',
        'component:default/billing-service',
        'component:default/plinth-portal',
        'location:default/plinth-examples',
      ]),
    );
    const served = await eventually(
      `all ${expected.length} entities of the example catalog`,
      async () => {
        const res = await fetch(
          `http://127.0.0.1:${backendPort}/api/catalog/entities?fields=kind,metadata.name,metadata.namespace`,
          { headers: { Authorization: `Bearer ${token}` } },
        );
        if (!res.ok) throw new Error(`catalog answered ${res.status}`);
        const refs = new Set(((await res.json()) as Declared[]).map(refOf));
        return { missing: expected.filter(ref => !refs.has(ref)) };
      },
      {
        until: ({ missing }) => missing.length === 0,
        timeoutMs: 150_000,
        intervalMs: 500,
      },
    );
    expect(served.missing).toEqual([]);
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
      // Waits on its own, so that it holds when run alone (jest -t).
      const rows = await eventually(
        'user-service in the search table',
        async () =>
          (
            await client.query(
              "select count(*)::int as n from search where key = 'metadata.name' and value = 'user-service'",
            )
          ).rows as Array<{ n: number }>,
        { until: r => r[0].n > 0, timeoutMs: 150_000, intervalMs: 500 },
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

import { ChildProcess, execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ClickHouseClient } from '@clickhouse/client';
import { createClickHouseClient } from '../clickhouse/ClickHouseEventStore';
import { qualifiedTable } from '../clickhouse/sql';
import { DEV_WRITER_PASSWORD } from '../config/IngesterConfig';
import { createKafka, KafkajsAdmin } from '../kafka/KafkajsEventLog';
import { Logger, silentLogger } from '../logging/Logger';

// One polling helper for every Plinth test; re-exported for the benchmark
// (src/bench/runIngestBench.ts). This folder and the benchmark only run from the source
// tree with devDependencies installed, which the dependency rule cannot know.
// eslint-disable-next-line @backstage/no-undeclared-imports
export { eventually } from '@plinth/testing';

/**
 * Real Kafka and ClickHouse for integration tests and the benchmark, started and stopped
 * through the project's own infra scripts on ports that do not clash with a dev setup.
 */
// Test and benchmark tooling always runs from the source tree (never from a build).
// eslint-disable-next-line no-restricted-syntax
export const PACKAGE_ROOT = path.resolve(__dirname, '../..');
export const REPO_ROOT = path.resolve(PACKAGE_ROOT, '../..');
const KAFKA_SH = path.join(REPO_ROOT, 'infra/kafka/kafka.sh');
const CLICKHOUSE_SH = path.join(REPO_ROOT, 'infra/clickhouse/clickhouse.sh');

const run = promisify(execFile);

async function script(
  file: string,
  args: string[],
  timeoutMs = 300_000,
): Promise<string> {
  try {
    const { stdout } = await run(file, args, {
      timeout: timeoutMs,
      maxBuffer: 16 << 20,
    });
    return stdout;
  } catch (e) {
    const { stderr, stdout } = e as { stderr?: string; stdout?: string };
    throw new Error(
      `${path.basename(file)} ${args.join(' ')} failed: ${
        (e as Error).message
      }\n${stdout ?? ''}${stderr ?? ''}`,
    );
  }
}

export class TestKafka {
  readonly brokers: string[];

  constructor(
    readonly name: string,
    readonly basePort: number,
    readonly brokerCount: 1 | 3,
  ) {
    this.brokers = Array.from(
      { length: brokerCount },
      (_, i) => `127.0.0.1:${basePort + 2 * i}`,
    );
  }

  private args(...extra: string[]) {
    return [
      ...extra,
      '--name',
      this.name,
      '--brokers',
      String(this.brokerCount),
      '--base-port',
      String(this.basePort),
    ];
  }

  /** Starts from empty data (a previous run's leftovers are wiped first). */
  async up(): Promise<void> {
    await script(KAFKA_SH, this.args('down', '--wipe'));
    await script(KAFKA_SH, this.args('up'));
  }

  async down(): Promise<void> {
    await script(KAFKA_SH, this.args('down', '--wipe'));
  }

  async restartBroker(node: number): Promise<void> {
    await script(KAFKA_SH, [
      'restart-broker',
      String(node),
      '--name',
      this.name,
      '--brokers',
      String(this.brokerCount),
      '--base-port',
      String(this.basePort),
    ]);
  }

  async admin(logger: Logger = silentLogger): Promise<KafkajsAdmin> {
    const kafka = createKafka({
      brokers: this.brokers,
      clientId: `test-admin-${this.name}`,
      logger,
    });
    return KafkajsAdmin.connect(kafka, this.brokers);
  }
}

export class TestClickHouse {
  readonly url: string;

  constructor(readonly name: string, readonly httpPort: number) {
    this.url = `http://127.0.0.1:${httpPort}`;
  }

  private args(...extra: string[]) {
    return [
      ...extra,
      '--name',
      this.name,
      '--http-port',
      String(this.httpPort),
    ];
  }

  /** Starts from empty data and applies the schema. */
  async up(options: { wipe?: boolean } = { wipe: true }): Promise<void> {
    if (options.wipe !== false) {
      await script(CLICKHOUSE_SH, this.args('down', '--wipe'));
    }
    await script(CLICKHOUSE_SH, this.args('up'));
  }

  /** Stops the server, keeping its data (for outage tests). */
  async stop(): Promise<void> {
    await script(CLICKHOUSE_SH, this.args('down'));
  }

  /** Stops and deletes the data (many small parts can take minutes to delete). */
  async down(): Promise<void> {
    await script(CLICKHOUSE_SH, this.args('down', '--wipe'), 600_000);
  }

  /** A client as the writer user (it may create tables in plinth_events). */
  client(): ClickHouseClient {
    return createClickHouseClient({
      url: this.url,
      username: 'plinth_writer',
      password: DEV_WRITER_PASSWORD,
      database: 'plinth_events',
    });
  }

  /** Copies of the pipeline's tables for one test: `<prefix>_events` etc. */
  async createTables(
    client: ClickHouseClient,
    prefix: string,
  ): Promise<{ events: string; batches: string; deadLetters: string }> {
    const tables = {
      events: `${prefix}_events`,
      batches: `${prefix}_batches`,
      deadLetters: `${prefix}_dead_letters`,
    };
    const source = {
      events: 'events',
      batches: 'ingest_batches',
      deadLetters: 'dead_letters',
    };
    for (const role of ['events', 'batches', 'deadLetters'] as const) {
      await client.command({
        query: `CREATE TABLE IF NOT EXISTS ${qualifiedTable(
          'plinth_events',
          tables[role],
        )} AS ${qualifiedTable('plinth_events', source[role])}`,
      });
    }
    return tables;
  }
}

/** Rows of a query; 18.16 returns UInt64 as strings, so callers convert with Number(). */
export async function queryRows<T>(
  client: ClickHouseClient,
  sql: string,
): Promise<T[]> {
  const result = await client.query({ query: sql, format: 'JSONEachRow' });
  return result.json<T>();
}

export interface CliProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
  /** Resolves when a stdout line contains `text`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
}

/**
 * Node flags of the `ingester` script in package.json. Capping the old generation keeps the
 * ingester's RSS bounded: its live data is a few fetches (tens of MB), but V8 would otherwise
 * let garbage pile up far beyond that before collecting.
 */
export const INGESTER_NODE_FLAGS = ['--max-old-space-size=192'];

/** Runs src/cli/<name>.ts as its own process, as `yarn <name>` would. */
export function spawnCli(
  name: 'ingester' | 'loadgen',
  args: string[],
  env: Record<string, string>,
  nodeArgs: string[] = [],
): CliProcess {
  const flags =
    name === 'ingester' ? [...INGESTER_NODE_FLAGS, ...nodeArgs] : nodeArgs;
  return spawnScript(
    path.join(PACKAGE_ROOT, 'src/cli', `${name}.ts`),
    args,
    env,
    flags,
  );
}

/** Runs a TypeScript file of this package as its own Node process. */
export function spawnScript(
  file: string,
  args: string[],
  env: Record<string, string>,
  nodeArgs: string[] = [],
): CliProcess {
  const name = path.basename(file, '.ts');
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      file,
      ...args,
    ],
    {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of [...waiters]) {
      if (out.includes(w.text)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | string>(resolve =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return {
    child,
    output: () => out,
    exited,
    waitFor(text, timeoutMs = 60_000) {
      if (out.includes(text)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `${name} did not print "${text}" within ${timeoutMs} ms:\n${out.slice(
                  -3000,
                )}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({
          text,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
        exited.then(code => {
          clearTimeout(timer);
          reject(
            new Error(
              `${name} exited (${code}) before printing "${text}":\n${out.slice(
                -3000,
              )}`,
            ),
          );
        });
      });
    },
  };
}

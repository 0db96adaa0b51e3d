import { execFile } from 'node:child_process';
import {
  mkdir,
  mkdtemp,
  readFile,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { startTemplateBackend } from './__testUtils__/dryRun';
import { REPO_ROOT } from './__testUtils__/exampleCatalog';

/*
 * What a team gets must work, not only look right: the dry-run output of each template is
 * written to disk, compiled with TypeScript and its own tests run (node --test); the golden
 * path's CI gate runs against a real git history with the repository's plinth-api, and its
 * TechDocs build with the real mkdocs (make techdocs installs it). The generated code
 * resolves kafkajs, @clickhouse/client and the Node types from the repository's
 * node_modules (linked in), the versions the skeletons ask for.
 */

const run = promisify(execFile);
const TSC = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
const PLINTH_API = `${process.execPath} ${join(
  REPO_ROOT,
  'packages/openapi-governance/bin/plinth-api',
)}`;
const MKDOCS = join(REPO_ROOT, '.cache/techdocs-venv/bin/mkdocs');

async function writeProject(files: Map<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'plinth-template-'));
  for (const [path, content] of files) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  await symlink(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

async function exitCode(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, options);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('generated projects', () => {
  let backend: Awaited<ReturnType<typeof startTemplateBackend>>;
  const dirs: string[] = [];

  beforeAll(async () => {
    backend = await startTemplateBackend();
  });

  afterAll(async () => {
    await backend?.stop();
    await Promise.all(dirs.map(d => rm(d, { recursive: true, force: true })));
  });

  async function generate(template: string, values: Record<string, unknown>) {
    const result = await backend.dryRun(template, values);
    expect(result.status).toBe(200);
    const dir = await writeProject(result.files);
    dirs.push(dir);
    return dir;
  }

  const goldenPath = {
    name: 'invoice-search',
    description:
      'Finds invoices by customer, amount and date for the support team.',
    owner: 'group:default/billing',
    system: 'system:default/billing',
    tier: 'tier-2',
    escalationPolicy: 'escalationpolicy:default/billing-oncall',
    exposesHttpApi: true,
    publishesEvents: false,
    consumesEvents: true,
  };

  it('golden-path service compiles and its tests pass', async () => {
    const dir = await generate('golden-path-service', goldenPath);
    await run(process.execPath, [TSC, '-p', '.'], { cwd: dir });
    const tests = await exitCode(
      process.execPath,
      ['--test', 'dist/**/*.test.js'],
      {
        cwd: dir,
      },
    );
    expect(tests.output).toMatch(/# pass 2\b/);
    expect(tests.code).toBe(0);
  }, 120_000);

  it('event consumer compiles and its tests pass', async () => {
    const dir = await generate('event-consumer', {
      name: 'checkout-events-ingester',
      description:
        'Ingests checkout events into ClickHouse for the revenue dashboards.',
      owner: 'group:default/data-infrastructure',
      system: 'system:default/event-pipeline',
      cluster: 'local',
      topic: 'events-raw',
      database: 'plinth_events',
      table: 'checkout_events',
      tier: 'tier-2',
      escalationPolicy: 'escalationpolicy:default/data-infrastructure-oncall',
    });
    await run(process.execPath, [TSC, '-p', '.'], { cwd: dir });
    const tests = await exitCode(
      process.execPath,
      ['--test', 'dist/**/*.test.js'],
      {
        cwd: dir,
      },
    );
    expect(tests.output).toMatch(/# pass 2\b/);
    expect(tests.code).toBe(0);
  }, 120_000);

  it('golden-path CI gate passes the first version and refuses a breaking change against main', async () => {
    const dir = await generate('golden-path-service', goldenPath);
    const git = (...args: string[]) =>
      run(
        'git',
        ['-c', 'user.name=test', '-c', 'user.email=test@plinth.dev', ...args],
        {
          cwd: dir,
        },
      );
    await git('init', '-q', '-b', 'main');
    await git('add', '-A');
    await git('commit', '-q', '-m', 'first version');
    const env = { ...process.env, PLINTH_API, BASE_REF: 'main' };

    const clean = await exitCode('bash', ['ci/api-gate.sh'], { cwd: dir, env });
    expect(clean.output).toContain('0 errors');
    expect(clean.code).toBe(0);

    // Remove an operation without deprecating it or bumping the major version.
    const spec = join(dir, 'openapi/openapi.yaml');
    await writeFile(spec, withoutGetItem(await readFile(spec, 'utf8')));
    const breaking = await exitCode('bash', ['ci/api-gate.sh'], {
      cwd: dir,
      env,
    });
    expect(breaking.output).toContain('operation-removed');
    expect(breaking.code).toBe(1);
  }, 120_000);

  it('golden-path TechDocs build with mkdocs --strict', async () => {
    const dir = await generate('golden-path-service', goldenPath);
    const build = await exitCode(
      MKDOCS,
      ['build', '--strict', '-d', join(dir, 'site')],
      {
        cwd: dir,
      },
    );
    expect(build.output).not.toMatch(/WARNING/);
    expect(build.code).toBe(0);
  }, 120_000);
});

/** The document without GET /v1/items/{itemId}: a breaking removal. */
function withoutGetItem(text: string): string {
  const start = text.indexOf('  /v1/items/{itemId}:');
  const end = text.indexOf('components:');
  expect(start).toBeGreaterThan(0);
  return text.slice(0, start) + text.slice(end);
}

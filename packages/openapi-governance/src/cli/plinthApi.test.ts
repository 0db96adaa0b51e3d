import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { api, exampleFile } from '../testing/openApiFixtures';

const PACKAGE_DIR = path.resolve(__dirname, '../..');
const BIN = path.join(PACKAGE_DIR, 'bin/plinth-api');
const schema = JSON.parse(
  readFileSync(
    path.join(PACKAGE_DIR, 'schema/plinth-api-output.schema.json'),
    'utf8',
  ),
);
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real launcher in a child process, as a CI job would. */
function plinthApi(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: PACKAGE_DIR,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', reject);
    child.on('close', code => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

function expectValidOutput(stdout: string) {
  const output = JSON.parse(stdout);
  const valid = validate(output);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  return output;
}

const dir = mkdtempSync(path.join(tmpdir(), 'plinth-api-cli-'));
function writeDoc(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(
    file,
    typeof content === 'string' ? content : JSON.stringify(content),
  );
  return file;
}

const V1 = exampleFile('user-provisioning-v1.yaml');
const V2 = exampleFile('user-provisioning-v2.yaml');

jest.setTimeout(60_000);

describe('plinth-api diff', () => {
  it('exits 1 on v1 -> v2 and prints breaking changes first, grouped by operation', async () => {
    const run = await plinthApi(['diff', V1, V2, '--now', '2026-11-30']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const sections = ['BREAKING', 'POTENTIALLY BREAKING', 'NON-BREAKING'].map(
      h => run.stdout.indexOf(`\n${h}\n`),
    );
    expect(sections.every(i => i > 0)).toBe(true);
    expect([...sections].sort((a, b) => a - b)).toEqual(sections);
    expect(run.stdout).toContain(
      '  PATCH /users/{userId}\n    [new-required-parameter] PATCH /users/{userId} requires a new header parameter If-Match.',
    );
    expect(run.stdout).toMatch(/FAILED: changes at or above "breaking"\.\n$/);
  });

  it('prints JSON that matches the published schema', async () => {
    const run = await plinthApi([
      'diff',
      V1,
      V2,
      '--format',
      'json',
      '--now',
      '2026-11-30',
    ]);
    expect(run.code).toBe(1);
    const output = expectValidOutput(run.stdout);
    expect(output).toMatchObject({
      command: 'diff',
      base: { version: '1.4.2', openapi: '3.0.3' },
      head: { version: '2.1.0' },
      failOn: 'breaking',
      failed: true,
    });
    expect(output.summary.breaking).toBe(
      output.changes.filter(
        (c: { severity: string }) => c.severity === 'breaking',
      ).length,
    );
  });

  it('exits 0 when nothing changed', async () => {
    const run = await plinthApi(['diff', V2, V2]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '0 breaking, 0 potentially breaking, 0 non-breaking',
    );
  });

  it('applies --fail-on: a potentially breaking change fails only at that threshold', async () => {
    const withParam = writeDoc(
      'with-param.json',
      api({
        paths: {
          '/a': {
            get: {
              parameters: [
                { name: 'q', in: 'query', schema: { type: 'string' } },
              ],
              responses: { '200': { description: 'ok' } },
            },
          },
        },
      }),
    );
    const without = writeDoc(
      'without-param.json',
      api({
        paths: {
          '/a': { get: { responses: { '200': { description: 'ok' } } } },
        },
      }),
    );
    expect((await plinthApi(['diff', withParam, without])).code).toBe(0);
    expect(
      (
        await plinthApi([
          'diff',
          withParam,
          without,
          '--fail-on',
          'potentially-breaking',
        ])
      ).code,
    ).toBe(1);
  });

  it('reads the base from stdin with "-"', async () => {
    const run = await plinthApi(
      ['diff', '-', V2, '--format', 'json'],
      readFileSync(V1, 'utf8'),
    );
    expect(run.code).toBe(1);
    expect(expectValidOutput(run.stdout).base.source).toBe('<stdin>');
  });
});

describe('plinth-api lint', () => {
  it('exits 0 on v2 and prints schema-valid JSON', async () => {
    const run = await plinthApi(['lint', V2, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(expectValidOutput(run.stdout)).toMatchObject({
      command: 'lint',
      findings: [],
      failed: false,
    });
  });

  it('fails on warnings with --fail-on warning (v1 pages the SCIM way)', async () => {
    const run = await plinthApi(['lint', V1, '--fail-on', 'warning']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('plinth-paginated-lists');
    expect(run.stdout).toContain('0 errors, 2 warnings, 0 infos');
  });
});

describe('plinth-api bad input (exit 2)', () => {
  it('names a missing file on stderr', async () => {
    const run = await plinthApi(['lint', path.join(dir, 'missing.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `plinth-api lint: ${path.join(
        dir,
        'missing.yaml',
      )}: no such file; check the path\n`,
    );
  });

  it('refuses a directory', async () => {
    const run = await plinthApi(['diff', dir, V2]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is a directory');
  });

  it('reports malformed YAML with its position, and as schema-valid JSON with --format json', async () => {
    const bad = writeDoc(
      'bad.yaml',
      'openapi: 3.0.3\ninfo:\n  title: "unterminated\n',
    );
    const run = await plinthApi(['lint', bad, '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /bad\.yaml: invalid YAML at line \d+, column \d+/,
    );
    expect(expectValidOutput(run.stdout).error).toMatchObject({
      code: 'PARSE_ERROR',
      line: expect.any(Number),
    });
  });

  it('refuses Swagger 2.0 with the conversion hint', async () => {
    const swagger = writeDoc('swagger.json', {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: {},
    });
    const run = await plinthApi(['diff', swagger, V2]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'Swagger 2.0 is not supported; convert it to OpenAPI 3 (e.g. with swagger2openapi)',
    );
  });

  it('refuses an unknown option and prints the usage', async () => {
    const run = await plinthApi(['diff', V1, V2, '--fail-on', 'everything']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '--fail-on must be one of breaking, potentially-breaking, not "everything"',
    );
    expect(run.stderr).toContain('Usage:');
  });

  it('prints the usage with --help and exits 0', async () => {
    const run = await plinthApi(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('plinth-api diff <base> <head>');
  });
});

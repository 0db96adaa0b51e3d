import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runAnalysisJob, toJsonPointer } from './runAnalysisJob';

const EXAMPLES = resolve(__dirname, '../../../../../examples/apis/openapi');
const example = (name: string) => readFileSync(resolve(EXAMPLES, name), 'utf8');

describe('runAnalysisJob', () => {
  it('inspects a definition: its version and lint findings as JSON pointers with positions', async () => {
    const result = await runAnalysisJob({
      type: 'inspect',
      definition: {
        source: 'api:default/v1',
        text: example('user-provisioning-v1.yaml'),
      },
      limits: {},
    });
    expect(result).toMatchObject({ ok: true, semver: '1.4.2' });
    if (!result.ok || !('findings' in result)) throw new Error('not inspected');
    expect(result.findings).toHaveLength(2);
    expect(result.findings[0]).toMatchObject({
      ruleId: 'plinth-paginated-lists',
      pointer: expect.stringMatching(/^\/paths\/~1/),
      start: { line: expect.any(Number), column: expect.any(Number) },
    });
  });

  it("answers the loader's code and position for a document it cannot use", async () => {
    const result = await runAnalysisJob({
      type: 'inspect',
      definition: {
        source: 'api:default/bad',
        text: 'openapi: 3.0.3\ninfo: [\n',
      },
      limits: {},
    });
    expect(result).toMatchObject({
      ok: false,
      problem: {
        code: 'PARSE_ERROR',
        message: expect.stringMatching(/^api:default\/bad: /),
      },
    });
  });

  it('compares two definitions and names the one that cannot be used', async () => {
    const compared = await runAnalysisJob({
      type: 'compare',
      base: {
        source: 'api:default/v1',
        text: example('user-provisioning-v1.yaml'),
      },
      head: {
        source: 'api:default/v2',
        text: example('user-provisioning-v2.yaml'),
      },
      now: '2026-11-30T00:00:00.000Z',
      sunsetAt: '2027-03-31',
      limits: {},
    });
    if (!compared.ok || !('changes' in compared))
      throw new Error('not compared');
    expect(
      compared.changes.filter(c => c.severity === 'breaking').length,
    ).toBeGreaterThan(10);
    expect(compared.changes[0]).toEqual({
      ruleId: expect.any(String),
      severity: 'breaking',
      location: expect.objectContaining({
        pointer: expect.stringMatching(/^\//),
      }),
      message: expect.any(String),
    });

    const refused = await runAnalysisJob({
      type: 'compare',
      base: {
        source: 'api:default/v1',
        text: example('user-provisioning-v1.yaml'),
      },
      head: {
        source: 'api:default/old',
        text: "swagger: '2.0'\ninfo: { title: x, version: 1.0.0 }\npaths: {}\n",
      },
      now: '2026-11-30T00:00:00.000Z',
      limits: {},
    });
    expect(refused).toMatchObject({
      ok: false,
      source: 'api:default/old',
      problem: { code: 'SWAGGER_2' },
    });
  });
});

describe('toJsonPointer', () => {
  it('escapes ~ and / in each segment (RFC 6901)', () => {
    expect(
      toJsonPointer(['paths', '/users/{id}', 'get', 'parameters', 0, 'a~b']),
    ).toBe('/paths/~1users~1{id}/get/parameters/0/a~0b');
  });
});

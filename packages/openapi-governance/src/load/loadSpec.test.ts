import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { InputError } from '@backstage/errors';
import { SpecInputError } from '../errors';
import { api, exampleFile } from '../testing/openApiFixtures';
import { loadSpec, parseSpec } from './loadSpec';

function refusal(run: () => unknown): SpecInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SpecInputError);
    return error as SpecInputError;
  }
  throw new Error('expected the document to be refused');
}

describe('parseSpec', () => {
  it('loads an OpenAPI 3.0 YAML document from the examples', async () => {
    const spec = await loadSpec(exampleFile('user-provisioning-v1.yaml'));
    expect(spec.line).toBe('3.0');
    expect(spec.document.info.version).toBe('1.4.2');
  });

  it('loads an OpenAPI 3.1 JSON document', () => {
    const spec = parseSpec(JSON.stringify(api({ openapi: '3.1.0' })), 'a.json');
    expect(spec.line).toBe('3.1');
  });

  it('reports malformed YAML with its line and column', () => {
    const error = refusal(() =>
      parseSpec(
        'openapi: 3.0.3\ninfo:\n  title: [unclosed\n  version: 1.0.0\n',
        'bad.yaml',
      ),
    );
    expect(error.code).toBe('PARSE_ERROR');
    expect(error.line).toBeGreaterThanOrEqual(3);
    expect(error.column).toBeGreaterThan(0);
    expect(error.message).toMatch(
      /^bad\.yaml: invalid YAML at line \d+, column \d+/,
    );
  });

  it('reports a duplicated YAML key instead of silently keeping one', () => {
    const error = refusal(() =>
      parseSpec(
        'openapi: 3.0.3\nopenapi: 3.1.0\ninfo: {title: t, version: 1.0.0}\npaths: {}\n',
      ),
    );
    expect(error.code).toBe('PARSE_ERROR');
    expect(error.line).toBe(2);
  });

  it('reports malformed JSON with its line and column', () => {
    const error = refusal(() =>
      parseSpec('{\n  "openapi": "3.0.3",\n  "info": }\n', 'bad.json'),
    );
    expect(error.code).toBe('PARSE_ERROR');
    expect(error.message).toMatch(/invalid JSON at line 3, column \d+/);
  });

  it('refuses YAML alias bombs', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 12; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      lines.push(
        `${next}: &${next} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`,
      );
    }
    expect(refusal(() => parseSpec(lines.join('\n'))).code).toBe('PARSE_ERROR');
  });

  it('refuses Swagger 2.0 with the conversion hint', () => {
    const error = refusal(() =>
      parseSpec(
        JSON.stringify({
          swagger: '2.0',
          info: { title: 't', version: '1' },
          paths: {},
        }),
        'old.json',
      ),
    );
    expect(error.code).toBe('SWAGGER_2');
    expect(error.message).toBe(
      'old.json: Swagger 2.0 is not supported; convert it to OpenAPI 3 (e.g. with swagger2openapi)',
    );
  });

  it('is an InputError, so a Backstage backend answers 400', () => {
    const error = refusal(() => parseSpec('[]'));
    expect(InputError.is(error)).toBe(true);
  });

  it.each([
    ['an array', '[1, 2]', 'NOT_AN_OBJECT'],
    ['a scalar', 'just text', 'NOT_AN_OBJECT'],
    [
      'a mapping without openapi',
      'info: {title: t, version: 1.0.0}',
      'NOT_OPENAPI',
    ],
    [
      'OpenAPI 4',
      'openapi: 4.0.0\ninfo: {title: t, version: 1.0.0}\npaths: {}',
      'UNSUPPORTED_VERSION',
    ],
    [
      'an unquoted number version',
      'openapi: 3.0\ninfo: {title: t, version: 1.0.0}\npaths: {}',
      'UNSUPPORTED_VERSION',
    ],
    [
      'no info.version',
      'openapi: 3.0.3\ninfo: {title: t}\npaths: {}',
      'INVALID_STRUCTURE',
    ],
    [
      '3.0 without paths',
      'openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}',
      'INVALID_STRUCTURE',
    ],
    [
      'a path without a slash',
      'openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths: {users: {}}',
      'INVALID_STRUCTURE',
    ],
  ])('refuses %s with a precise code', (_name, text, code) => {
    expect(refusal(() => parseSpec(text)).code).toBe(code);
  });

  it('refuses a remote $ref and names it', () => {
    const doc = api({
      paths: { '/a': { get: getRemote() } },
    });
    const error = refusal(() => parseSpec(JSON.stringify(doc)));
    expect(error.code).toBe('REMOTE_REF');
    expect(error.message).toContain('https://evil.example/schema.json');
    expect(error.message).toContain('/paths/~1a/get/responses/200');
  });

  it('reads a "$ref" inside example values as data, but still checks a $ref example and a property named value', () => {
    // GitHub's description (@octokit/openapi 2.2.1) links SCIM group members this way.
    const member = {
      value: 'u1',
      $ref: 'https://api.github.com/scim/v2/Users/u1',
    };
    const doc = api({
      paths: {
        '/a': {
          get: {
            responses: {
              '200': {
                description: 'ok',
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      properties: { value: { type: 'string' } },
                      example: { members: [member] },
                      examples: [{ members: [member] }],
                    },
                    examples: {
                      group: {
                        summary: 'A group',
                        value: { members: [member] },
                      },
                      shared: { $ref: '#/components/examples/group' },
                    },
                  },
                },
              },
            },
          },
        },
      },
      components: {
        examples: { group: { value: { members: [member] } } },
      },
    });
    expect(() => parseSpec(JSON.stringify(doc))).not.toThrow();

    const dangling = structuredClone(doc) as any;
    dangling.paths['/a'].get.responses['200'].content[
      'application/json'
    ].examples.shared.$ref = '#/components/examples/missing';
    expect(refusal(() => parseSpec(JSON.stringify(dangling))).code).toBe(
      'UNRESOLVED_REF',
    );

    // "value" is only data inside an Example Object: a schema property named value is not.
    const property = structuredClone(doc) as any;
    property.paths['/a'].get.responses['200'].content[
      'application/json'
    ].schema.properties.value = { $ref: 'https://evil.example/v.json' };
    expect(refusal(() => parseSpec(JSON.stringify(property))).code).toBe(
      'REMOTE_REF',
    );
  });

  it('refuses a relative-file $ref', () => {
    const doc = api({
      paths: {
        '/a': { get: { responses: { '200': { $ref: './common.yaml#/R' } } } },
      },
    });
    expect(refusal(() => parseSpec(JSON.stringify(doc))).code).toBe(
      'REMOTE_REF',
    );
  });

  it('refuses a $ref that points nowhere', () => {
    const doc = api({
      paths: {
        '/a': {
          get: {
            responses: { '200': { $ref: '#/components/responses/Missing' } },
          },
        },
      },
    });
    const error = refusal(() => parseSpec(JSON.stringify(doc)));
    expect(error.code).toBe('UNRESOLVED_REF');
    expect(error.message).toContain('#/components/responses/Missing');
  });

  it('refuses a $ref chain that loops on itself', () => {
    const doc = api({
      components: {
        schemas: {
          A: { $ref: '#/components/schemas/B' },
          B: { $ref: '#/components/schemas/A' },
        },
      },
    });
    expect(refusal(() => parseSpec(JSON.stringify(doc))).code).toBe(
      'CIRCULAR_REF',
    );
  });

  it('accepts recursive schemas (a tree node that holds tree nodes)', () => {
    const doc = api({
      components: {
        schemas: {
          Node: {
            type: 'object',
            properties: {
              children: {
                type: 'array',
                items: { $ref: '#/components/schemas/Node' },
              },
            },
          },
        },
      },
    });
    expect(parseSpec(JSON.stringify(doc)).line).toBe('3.0');
  });

  it('refuses a document nested deeper than the limit', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 300; i++)
      schema = { type: 'object', properties: { x: schema } };
    const doc = api({ components: { schemas: { Deep: schema } } });
    expect(refusal(() => parseSpec(JSON.stringify(doc))).code).toBe('TOO_DEEP');
  });

  it('refuses hostile nesting in YAML and JSON without crashing', () => {
    const deepYaml = `openapi: 3.0.3\nx: ${'['.repeat(100000)}${']'.repeat(
      100000,
    )}\n`;
    expect(['PARSE_ERROR', 'TOO_DEEP']).toContain(
      refusal(() => parseSpec(deepYaml)).code,
    );
    const deepJson = `{"openapi":"3.0.3","info":{"title":"t","version":"1.0.0"},"paths":{},"x":${'['.repeat(
      100000,
    )}${']'.repeat(100000)}}`;
    expect(refusal(() => parseSpec(deepJson)).code).toBe('TOO_DEEP');
  });

  it('refuses a document over the size limit', () => {
    const text = JSON.stringify(
      api({ info: { title: 'x'.repeat(2000), version: '1.0.0' } }),
    );
    expect(
      refusal(() => parseSpec(text, 'big.json', { maxBytes: 1000 })).code,
    ).toBe('TOO_LARGE');
  });
});

describe('loadSpec', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'plinth-api-load-'));

  it('refuses a directory with a hint', async () => {
    await expect(loadSpec(dir)).rejects.toMatchObject({
      code: 'NOT_A_FILE',
      message: expect.stringContaining('is a directory'),
    });
  });

  it('refuses a path that does not exist', async () => {
    await expect(loadSpec(path.join(dir, 'nope.yaml'))).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
  });

  it('refuses a path through a file (not a directory)', async () => {
    const file = path.join(dir, 'file.yaml');
    writeFileSync(file, 'x: 1');
    await expect(loadSpec(path.join(file, 'child.yaml'))).rejects.toMatchObject(
      {
        code: 'FILE_NOT_FOUND',
      },
    );
  });

  it('refuses a path with a NUL byte', async () => {
    await expect(loadSpec('a\0b.yaml')).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
  });

  it('refuses a character device such as /dev/zero before reading it', async () => {
    await expect(loadSpec('/dev/zero')).rejects.toMatchObject({
      code: 'NOT_A_FILE',
    });
  });

  it('refuses a file over the size limit without reading it', async () => {
    const file = path.join(dir, 'big.yaml');
    writeFileSync(file, `openapi: 3.0.3\n# ${'x'.repeat(5000)}\n`);
    await expect(loadSpec(file, { maxBytes: 1000 })).rejects.toMatchObject({
      code: 'TOO_LARGE',
    });
  });

  it('reads standard input for "-"', async () => {
    const stdin = Readable.from([Buffer.from(JSON.stringify(api()))]);
    const spec = await loadSpec('-', { stdin });
    expect(spec.source).toBe('<stdin>');
    expect(spec.document.info.title).toBe('Test API');
  });
});

function getRemote() {
  return { responses: { '200': { $ref: 'https://evil.example/schema.json' } } };
}

describe('findJsonError', () => {
  // Imported here to keep the scanner's cases next to the loader's JSON case.
  const { findJsonError } = jest.requireActual(
    './findJsonError',
  ) as typeof import('./findJsonError');

  it.each([
    ['{"a": }', 6],
    ['{"a": 1,}', 8],
    ['[1, 2', 5],
    ['{"a" 1}', 5],
    ['{"a": [1, {"b": tru}]}', 16],
    ['{"a": 1} x', 9],
  ])('finds the fault in %s at offset %d', (text, offset) => {
    expect(findJsonError(text)).toBe(offset);
  });

  it('returns -1 for valid JSON', () => {
    expect(findJsonError('{"a": [1, {"b": true}], "c": "x\\"y"}')).toBe(-1);
  });
});

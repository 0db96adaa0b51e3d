import { loadSpec } from '../load/loadSpec';
import { exampleFile } from '../testing/openApiFixtures';
import { lintOpenApi } from './lintOpenApi';
import type { Finding } from './types';

/** A document that follows every guideline; each test breaks one. */
function goodApi(): Record<string, any> {
  return {
    openapi: '3.0.3',
    info: { title: 'Things', version: '1.2.0' },
    servers: [{ url: 'https://api.plinth.internal/things/v1' }],
    security: [{ jwt: [] }],
    paths: {
      '/things': {
        get: {
          operationId: 'listThings',
          parameters: [
            { name: 'pageSize', in: 'query', schema: { type: 'integer' } },
            { name: 'pageToken', in: 'query', schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'A page',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      items: {
                        type: 'array',
                        items: { $ref: '#/components/schemas/Thing' },
                      },
                      nextPageToken: { type: 'string' },
                    },
                  },
                },
              },
            },
            '400': { $ref: '#/components/responses/Problem' },
          },
        },
      },
      '/things/{id}': {
        get: {
          operationId: 'getThing',
          parameters: [
            {
              name: 'id',
              in: 'path',
              required: true,
              schema: { type: 'string' },
            },
          ],
          responses: {
            '200': {
              description: 'The thing',
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/Thing' },
                },
              },
            },
            '404': { $ref: '#/components/responses/Problem' },
          },
        },
      },
    },
    components: {
      securitySchemes: { jwt: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Thing: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            size: { type: 'integer' },
          },
          example: { id: '3f6c2a1e-8d3b-4a43-9c1e-2f0b7f1d9a10', size: 3 },
        },
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
          },
        },
      },
      responses: {
        Problem: {
          description: 'Error',
          content: {
            'application/problem+json': {
              schema: { $ref: '#/components/schemas/Problem' },
            },
          },
        },
      },
    },
  };
}

const lint = (doc: Record<string, unknown>) =>
  lintOpenApi(JSON.stringify(doc, null, 2));
const rules = (findings: Finding[]) =>
  findings.map(f => `${f.ruleId} ${f.severity}`);

describe('lintOpenApi', () => {
  it('finds nothing in a document that follows the guidelines', async () => {
    expect(await lint(goodApi())).toEqual([]);
  });

  describe('plinth-versioned-base-path', () => {
    it('fires when the server URL lacks /v<major>', async () => {
      const doc = goodApi();
      doc.servers = [{ url: 'https://api.plinth.internal/things' }];
      const findings = await lint(doc);
      expect(rules(findings)).toEqual(['plinth-versioned-base-path error']);
      expect(findings[0].path).toEqual(['servers', 0, 'url']);
    });

    it('fires when the version in the URL is not the major of info.version', async () => {
      const doc = goodApi();
      doc.info.version = '2.0.0';
      expect(rules(await lint(doc))).toEqual([
        'plinth-versioned-base-path error',
      ]);
    });

    it('passes when every path starts with /v<major> instead', async () => {
      const doc = goodApi();
      doc.servers = [{ url: 'https://api.plinth.internal/things' }];
      doc.paths = {
        '/v1/things': doc.paths['/things'],
        '/v1/things/{id}': doc.paths['/things/{id}'],
      };
      expect(await lint(doc)).toEqual([]);
    });

    it('fires per path when there are no servers and a path is unversioned', async () => {
      const doc = goodApi();
      delete doc.servers;
      const findings = await lint(doc);
      expect(findings.map(f => f.path)).toEqual([
        ['paths', '/things'],
        ['paths', '/things/{id}'],
      ]);
    });
  });

  describe('plinth-operation-id-unique', () => {
    it('fires on a duplicated operationId and on a missing one', async () => {
      const doc = goodApi();
      doc.paths['/things/{id}'].get.operationId = 'listThings';
      const findings = await lint(doc);
      expect(rules(findings)).toEqual(['plinth-operation-id-unique error']);
      expect(findings[0].message).toBe(
        'operationId "listThings" of GET /things/{id} is already used by GET /things.',
      );
      delete doc.paths['/things/{id}'].get.operationId;
      expect((await lint(doc))[0].message).toBe(
        'GET /things/{id} has no operationId.',
      );
    });
  });

  describe('plinth-security-applied', () => {
    it('fires when no scheme is declared and no security is applied', async () => {
      const doc = goodApi();
      delete doc.security;
      delete doc.components.securitySchemes;
      const findings = await lint(doc);
      expect(
        rules(findings).filter(r => r.startsWith('plinth-security-applied')),
      ).toHaveLength(3);
    });

    it('fires when a requirement names an undeclared scheme', async () => {
      const doc = goodApi();
      doc.paths['/things'].get.security = [{ apiKey: [] }];
      const findings = await lint(doc);
      expect(findings.map(f => f.message)).toContain(
        'Security requirement names "apiKey", which is not declared in components.securitySchemes.',
      );
    });

    it('accepts an explicit security: [] (a deliberately public operation)', async () => {
      const doc = goodApi();
      delete doc.security;
      doc.paths['/things'].get.security = [];
      doc.paths['/things/{id}'].get.security = [{ jwt: [] }];
      expect(await lint(doc)).toEqual([]);
    });
  });

  describe('plinth-problem-json-errors', () => {
    it('fires on an error response without application/problem+json', async () => {
      const doc = goodApi();
      doc.paths['/things/{id}'].get.responses['404'] = {
        description: 'nope',
        content: { 'application/json': { schema: { type: 'object' } } },
      };
      const findings = await lint(doc);
      expect(rules(findings)).toEqual(['plinth-problem-json-errors error']);
      expect(findings[0].path).toEqual([
        'paths',
        '/things/{id}',
        'get',
        'responses',
        '404',
      ]);
    });

    it('fires when the problem schema lacks title and status', async () => {
      const doc = goodApi();
      doc.components.schemas.Problem.properties = {
        type: { type: 'string' },
        detail: { type: 'string' },
      };
      const findings = await lint(doc);
      expect(findings.map(f => f.message)).toContain(
        'The 400 response of GET /things: the problem schema lacks title, status (RFC 9457).',
      );
    });

    it('follows allOf when the problem schema is extended', async () => {
      const doc = goodApi();
      doc.components.responses.Problem.content[
        'application/problem+json'
      ].schema = {
        allOf: [
          { $ref: '#/components/schemas/Problem' },
          { type: 'object', properties: { errors: { type: 'array' } } },
        ],
      };
      expect(await lint(doc)).toEqual([]);
    });
  });

  describe('plinth-paginated-lists', () => {
    it('fires on a list endpoint without paging parameters', async () => {
      const doc = goodApi();
      doc.paths['/things'].get.parameters = [];
      const findings = await lint(doc);
      expect(rules(findings)).toEqual(['plinth-paginated-lists warning']);
      expect(findings[0].path).toEqual(['paths', '/things', 'get']);
    });

    it('accepts limit + offset and limit + cursor', async () => {
      for (const second of ['offset', 'cursor']) {
        const doc = goodApi();
        doc.paths['/things'].get.parameters = [
          { name: 'limit', in: 'query', schema: { type: 'integer' } },
          { name: second, in: 'query', schema: { type: 'string' } },
        ];
        expect(await lint(doc)).toEqual([]);
      }
    });

    it('accepts a list exempted with a reason in x-plinth-unpaginated', async () => {
      const doc = goodApi();
      doc.paths['/things'].get.parameters = [];
      doc.paths['/things'].get['x-plinth-unpaginated'] =
        'One entry per configured thing; configuration holds a handful.';
      expect(await lint(doc)).toEqual([]);
    });

    it('fires on x-plinth-unpaginated without a reason', async () => {
      for (const reason of ['', '  ', true]) {
        const doc = goodApi();
        doc.paths['/things'].get.parameters = [];
        doc.paths['/things'].get['x-plinth-unpaginated'] = reason;
        const findings = await lint(doc);
        expect(findings.map(f => f.message)).toEqual([
          'GET /things: x-plinth-unpaginated must say why the list stays short (a non-empty string).',
        ]);
        expect(findings[0].path).toEqual([
          'paths',
          '/things',
          'get',
          'x-plinth-unpaginated',
        ]);
      }
    });

    it('still fires on a bare array when the list is exempted from paging', async () => {
      const doc = goodApi();
      doc.paths['/things'].get.parameters = [];
      doc.paths['/things'].get['x-plinth-unpaginated'] = 'Short.';
      doc.paths['/things'].get.responses['200'].content[
        'application/json'
      ].schema = {
        type: 'array',
        items: { $ref: '#/components/schemas/Thing' },
      };
      expect((await lint(doc)).map(f => f.message)).toEqual([
        'GET /things returns a bare array; return an object with "items" and a next-page token so the list can be paged.',
      ]);
    });

    it('fires on a bare array body', async () => {
      const doc = goodApi();
      doc.paths['/things'].get.responses['200'].content[
        'application/json'
      ].schema = {
        type: 'array',
        items: { $ref: '#/components/schemas/Thing' },
      };
      expect((await lint(doc)).map(f => f.message)).toContain(
        'GET /things returns a bare array; return an object with "items" and a next-page token so the list can be paged.',
      );
    });

    it('does not treat a single resource with an array property as a list', async () => {
      const doc = goodApi();
      doc.components.schemas.Thing.properties.tags = {
        type: 'array',
        items: { type: 'string' },
      };
      expect(await lint(doc)).toEqual([]);
    });
  });

  describe('plinth-examples-valid / plinth-schema-examples-valid', () => {
    it('fires on a schema example that does not match its schema', async () => {
      const doc = goodApi();
      doc.components.schemas.Thing.example = {
        id: 'not-a-uuid',
        size: 'three',
      };
      const findings = await lint(doc);
      expect(rules(findings)).toContain('plinth-schema-examples-valid error');
    });

    it('fires on a media type example that does not match its schema', async () => {
      const doc = goodApi();
      doc.paths['/things/{id}'].get.responses['200'].content[
        'application/json'
      ].example = { size: 'big' };
      expect(rules(await lint(doc))).toContain('plinth-examples-valid error');
    });
  });

  describe('plinth-no-unused-components', () => {
    it('fires on an unused schema and an unused security scheme', async () => {
      const doc = goodApi();
      doc.components.schemas.Orphan = {
        type: 'object',
        properties: { self: { $ref: '#/components/schemas/Orphan' } },
      };
      doc.components.securitySchemes.apiKey = {
        type: 'apiKey',
        in: 'header',
        name: 'X-Key',
      };
      const findings = await lint(doc);
      expect(
        findings.map(f => [f.ruleId, f.severity, f.path.join('/')]),
      ).toEqual([
        [
          'plinth-no-unused-components',
          'warning',
          'components/securitySchemes/apiKey',
        ],
        ['plinth-no-unused-components', 'warning', 'components/schemas/Orphan'],
      ]);
    });
  });

  it('accepts a plain document object as well as text', async () => {
    const doc = goodApi();
    doc.paths['/things'].get.parameters = [];
    expect(rules(await lintOpenApi(doc as any))).toEqual([
      'plinth-paginated-lists warning',
    ]);
  });

  it('gives each finding a 1-based range in the text', async () => {
    const doc = goodApi();
    doc.paths['/things'].get.parameters = [];
    const [finding] = await lint(doc);
    expect(finding.range?.start.line).toBeGreaterThan(1);
    expect(finding.range?.start.column).toBeGreaterThan(0);
  });

  it('refuses a document with a remote $ref before Spectral could fetch it', async () => {
    const doc = goodApi();
    doc.components.schemas.Thing = {
      $ref: 'http://169.254.169.254/latest/meta-data',
    };
    await expect(lint(doc)).rejects.toMatchObject({ code: 'REMOTE_REF' });
  });
});

describe('lintOpenApi on the repository examples', () => {
  const lintExample = async (name: string) =>
    lintOpenApi(await loadSpec(exampleFile(name)));

  it('user-provisioning v2 follows every guideline', async () => {
    expect(await lintExample('user-provisioning-v2.yaml')).toEqual([]);
  });

  it('user-provisioning v1 pages with SCIM startIndex/count, which the paging rule does not accept', async () => {
    // A real finding: v1 predates the cursor-paging guideline; v2 fixed it.
    const findings = await lintExample('user-provisioning-v1.yaml');
    expect(findings.map(f => [f.ruleId, f.severity, f.path.join(' ')])).toEqual(
      [
        ['plinth-paginated-lists', 'warning', 'paths /users get'],
        ['plinth-paginated-lists', 'warning', 'paths /groups get'],
      ],
    );
  });

  it.each(['billing-hooks.yaml', 'events-ingest.yaml'])(
    '%s follows every guideline',
    async name => {
      expect(await lintExample(name)).toEqual([]);
    },
  );
});

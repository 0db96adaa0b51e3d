import {
  api,
  diffIgnoringVersion as diff,
  getReturning,
  ids,
  postTaking,
} from '../testing/openApiFixtures';

// Shapes taken from GitHub's REST API description (@octokit/openapi 20.0.0 -> 23.0.0),
// where `make bench-api-diff` compared the engine with oasdiff.
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const obj = (properties: Record<string, unknown>) => ({
  type: 'object',
  properties,
});
const str = { type: 'string' };
const components = {
  schemas: {
    push: obj({ kind: { type: 'string', enum: ['push'] }, ref: str }),
    fork: obj({ kind: { type: 'string', enum: ['fork'] }, forkee: str }),
    star: obj({ kind: { type: 'string', enum: ['star'] }, starred: str }),
  },
};
const response = (schema: unknown) =>
  api({ paths: { '/events': { get: getReturning(schema) } }, components });
const request = (schema: unknown) =>
  api({ paths: { '/labels': { post: postTaking(schema) } }, components });

describe('oneOf / anyOf alternatives', () => {
  it('reports a new response alternative as breaking, pointing at it in the head', () => {
    const changes = diff(
      response({ oneOf: [ref('push'), ref('fork')] }),
      response({ oneOf: [ref('push'), ref('fork'), ref('star')] }),
    );
    expect(ids(changes)).toEqual(['response-alternative-added breaking']);
    expect(changes[0].location.pointer).toBe(
      '/paths/~1events/get/responses/200/content/application~1json/schema/oneOf/2',
    );
    expect(changes[0].message).toContain('schema star');
  });

  it('reports a request alternative no longer accepted as breaking', () => {
    const changes = diff(
      request({ anyOf: [ref('push'), ref('fork')] }),
      request({ anyOf: [ref('push')] }),
    );
    expect(ids(changes)).toEqual(['request-alternative-removed breaking']);
    expect(changes[0].location).toMatchObject({
      document: 'base',
      pointer:
        '/paths/~1labels/post/requestBody/content/application~1json/schema/anyOf/1',
    });
  });

  it('rates a new request alternative and a response alternative dropped as non-breaking', () => {
    expect(
      ids(
        diff(
          request({ oneOf: [ref('push')] }),
          request({ oneOf: [ref('push'), ref('fork')] }),
        ),
      ),
    ).toEqual(['request-alternative-added non-breaking']);
    expect(
      ids(
        diff(
          response({ oneOf: [ref('push'), ref('fork')] }),
          response({ oneOf: [ref('fork')] }),
        ),
      ),
    ).toEqual(['response-alternative-removed non-breaking']);
  });

  it('matches $ref alternatives by target, so a reorder is no change', () => {
    expect(
      diff(
        response({ oneOf: [ref('push'), ref('fork')] }),
        response({ oneOf: [ref('fork'), ref('push')] }),
      ),
    ).toEqual([]);
  });

  it('still compares the matched alternatives when one is added', () => {
    const head = api({
      paths: {
        '/events': {
          get: getReturning({
            oneOf: [ref('push'), ref('fork'), ref('star')],
          }),
        },
      },
      components: {
        schemas: {
          ...components.schemas,
          fork: obj({
            kind: { type: 'string', enum: ['fork', 'fork-sync'] },
            forkee: str,
          }),
        },
      },
    });
    expect(
      ids(diff(response({ oneOf: [ref('push'), ref('fork')] }), head)).sort(),
    ).toEqual([
      'response-alternative-added breaking',
      'response-enum-value-added breaking',
    ]);
  });

  it('matches inline alternatives by the $refs they combine, so an insertion shifts nothing', () => {
    // GitHub 22.0.0 -> 23.0.0: a rule type inserted in the middle of repository-rule-detailed.
    const rule = (name: string) => ({ allOf: [ref(name), ref('star')] });
    const changes = diff(
      response({ oneOf: [rule('push'), rule('fork')] }),
      response({ oneOf: [rule('push'), { type: 'object' }, rule('fork')] }),
    );
    expect(ids(changes)).toEqual(['response-alternative-added breaking']);
    expect(changes[0].location.pointer).toBe(
      '/paths/~1events/get/responses/200/content/application~1json/schema/oneOf/1',
    );
  });

  it('reports an object that became a oneOf of objects once, not as a type change and removed properties', () => {
    // GitHub 21.0.0 -> 22.0.0: the payload of GET /events became a oneOf of event types.
    const changes = diff(
      response(obj({ payload: obj({ action: str, ref: str }) })),
      response(obj({ payload: { oneOf: [ref('push'), ref('fork')] } })),
    );
    expect(ids(changes)).toEqual(['response-alternative-added breaking']);
    expect(changes[0].message).toBe(
      'Property payload in the 200 response (application/json) of GET /events is now oneOf schema push, schema fork; clients may receive shapes they do not know.',
    );
  });

  it('takes the type of a schema without one from its alternatives', () => {
    // Each member is a string: the property is still a string, not "any type".
    expect(
      diff(
        response(obj({ budget: str })),
        response(
          obj({
            budget: {
              oneOf: [
                { type: 'string', enum: ['a'] },
                { type: 'string', enum: ['b'] },
              ],
            },
          }),
        ),
      ).filter(c => c.id === 'type-changed'),
    ).toEqual([]);
  });
});

describe('a changed schema shared by many operations', () => {
  it('reports its findings for every operation that reaches it, each under that operation', () => {
    const paths: Record<string, unknown> = {};
    for (let i = 0; i < 40; i++) {
      paths[`/r${i}`] = {
        get: getReturning(
          i % 2 ? { type: 'array', items: ref('push') } : ref('push'),
        ),
      };
    }
    const base = api({ paths, components });
    const head = api({
      paths,
      components: {
        schemas: { ...components.schemas, push: obj({ kind: str }) },
      },
    });
    const changes = diff(base, head);
    // Per operation: the enum on `kind` is gone (loosened) and `ref` was removed.
    expect(changes).toHaveLength(80);
    for (let i = 0; i < 40; i++) {
      const own = changes.filter(c => c.location.path === `/r${i}`);
      expect(own.map(c => c.id).sort()).toEqual([
        'response-constraint-loosened',
        'response-property-removed',
      ]);
      const label = i % 2 ? '[].ref' : 'ref';
      expect(own.map(c => c.message)).toContain(
        `Property ${label} was removed from the 200 response (application/json) of GET /r${i}.`,
      );
    }
  });
});

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

  it('matches an inline member moved into a component by its signature, and compares the two', () => {
    // GitHub 18.2.0 -> 19.0.0: repository-rule's inline `file_path_restriction` member
    // became `$ref: repository-rule-file-path-restriction` (same title).
    const restriction = (extra: Record<string, unknown> = {}) => ({
      title: 'file_path_restriction',
      ...obj({ paths: { type: 'array', items: str }, ...extra }),
    });
    const withComponent = (schema: unknown, member: unknown) =>
      api({
        paths: { '/labels': { post: postTaking(schema) } },
        components: {
          schemas: { ...components.schemas, 'rule-file-path': member },
        },
      });
    const moved = { oneOf: [ref('push'), ref('rule-file-path')] };
    expect(
      diff(
        request({ oneOf: [ref('push'), restriction()] }),
        withComponent(moved, restriction()),
      ),
    ).toEqual([]);
    // And back, inlined again.
    expect(
      diff(
        withComponent(moved, restriction()),
        withComponent({ oneOf: [ref('push'), restriction()] }, restriction()),
      ),
    ).toEqual([]);
    const changed = diff(
      request({ oneOf: [ref('push'), restriction()] }),
      withComponent(moved, {
        ...restriction({ reason: str }),
        required: ['reason'],
      }),
    );
    expect(ids(changed)).toEqual(['new-required-request-property breaking']);
    expect(changed[0].location.pointer).toBe(
      '/components/schemas/rule-file-path/properties/reason',
    );
  });

  it('never pairs two different components by shape: one removed, one added', () => {
    const doc = (names: string[]) =>
      api({
        paths: { '/labels': { post: postTaking({ oneOf: names.map(ref) }) } },
        components: {
          schemas: {
            ...components.schemas,
            a: obj({ x: str }),
            b: obj({ x: str, y: str }),
          },
        },
      });
    expect(ids(diff(doc(['push', 'a']), doc(['push', 'b'])))).toEqual([
      'request-alternative-removed breaking',
      'request-alternative-added non-breaking',
    ]);
  });

  it('reports request alternatives removed once each, not again as a type change of the union', () => {
    // GitHub 2.2.1 -> 10.0.0: POST /user/emails took an object, an array or a string.
    const emails = obj({ emails: { type: 'array', items: str } });
    const changes = diff(
      request({ oneOf: [emails, { type: 'array', items: str }, str] }),
      request({ oneOf: [emails, { type: 'array', items: str }] }),
    );
    expect(ids(changes)).toEqual(['request-alternative-removed breaking']);
  });

  it('still reports an anyOf that became nullable', () => {
    // GitHub 12.0.0 -> 14.0.0: repository-ruleset.conditions.
    const conditions = { anyOf: [ref('push'), ref('fork')] };
    const changes = diff(
      response(obj({ conditions })),
      response(obj({ conditions: { ...conditions, nullable: true } })),
    );
    expect(ids(changes)).toEqual(['type-changed breaking']);
    expect(changes[0].message).toBe(
      'Property conditions in the 200 response (application/json) of GET /events may now be null.',
    );
  });

  it('compares a request object that became a oneOf with the alternative closest to it', () => {
    // GitHub 2.2.1 -> 10.0.0: POST /repos/{}/{}/issues/{}/labels.
    const labels = (items: unknown, extra = {}) =>
      obj({ labels: { type: 'array', items, ...extra } });
    const changes = diff(
      request(labels(str)),
      request({
        oneOf: [
          labels(str, { minItems: 1 }),
          labels(obj({ name: str }), { minItems: 1 }),
        ],
      }),
    );
    expect(ids(changes)).toEqual(['request-constraint-tightened breaking']);
    expect(changes[0].location.pointer).toBe(
      '/paths/~1labels/post/requestBody/content/application~1json/schema/oneOf/0/properties/labels/minItems',
    );
    // An alternative that takes what clients send today: no finding.
    expect(
      diff(
        request(labels(str)),
        request({ oneOf: [labels(str), labels(obj({ name: str }))] }),
      ),
    ).toEqual([]);
  });

  it('does not pair a request object with an alternative that lacks some of its properties', () => {
    // {a, b} -> oneOf [{a}, {b}]: no member stands for the old object.
    const changes = diff(
      request(obj({ a: str, b: str })),
      request({
        oneOf: [
          { ...obj({ a: str }), required: ['a'] },
          { ...obj({ b: str }), required: ['b'] },
        ],
      }),
    );
    expect(ids(changes)).toEqual([]);
  });

  it('still reports new response shapes when the schema also became nullable', () => {
    const changes = diff(
      response(obj({ id: str })),
      response({
        oneOf: [obj({ login: str }), obj({ name: str })],
        nullable: true,
      }),
    );
    expect(ids(changes).sort()).toEqual([
      'response-alternative-added breaking',
      'type-changed breaking',
    ]);
  });

  it('reports a string that became oneOf [string, array] once, as the new type', () => {
    // GitHub 16.0.0 -> 16.6.0: custom property default_value.
    const changes = diff(
      response(obj({ default_value: str })),
      response(
        obj({
          default_value: { oneOf: [str, { type: 'array', items: str }] },
        }),
      ),
    );
    expect(ids(changes)).toEqual(['type-changed breaking']);
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

// Inline members without a title, a $ref in an allOf or a one-value enum: matched by what
// they are made of (types, property names, required names, enums), not by position.
describe('inline alternatives without a signature', () => {
  const byId = obj({ issue_field_id: { type: 'integer' } });
  const text = {
    ...obj({ name: str, options: { type: 'array', items: str } }),
    required: ['name'],
  };
  const iteration = {
    ...obj({ name: str, iteration_configuration: obj({ duration: str }) }),
    required: ['name', 'iteration_configuration'],
  };
  const url = { type: 'string', format: 'uri' };

  it('matches reordered members with their counterparts: no change', () => {
    expect(
      diff(
        request({ oneOf: [byId, text, iteration] }),
        request({ oneOf: [iteration, byId, text] }),
      ),
    ).toEqual([]);
  });

  it('reports a member inserted in the middle as one new alternative and compares the others with their counterparts', () => {
    const changed = {
      ...iteration,
      required: ['name', 'iteration_configuration'],
      properties: {
        ...iteration.properties,
        iteration_configuration: {
          ...obj({ duration: str }),
          required: ['duration'],
        },
      },
    };
    const changes = diff(
      request({ oneOf: [byId, text, iteration] }),
      request({ oneOf: [byId, url, text, changed] }),
    );
    expect(ids(changes).sort()).toEqual([
      'request-alternative-added non-breaking',
      'request-property-became-required breaking',
    ]);
    const added = changes.find(c => c.id === 'request-alternative-added')!;
    expect(added.location.pointer).toBe(
      '/paths/~1labels/post/requestBody/content/application~1json/schema/oneOf/1',
    );
    const required = changes.find(
      c => c.id === 'request-property-became-required',
    )!;
    expect(required.message).toBe(
      'Property (oneOf[2]).iteration_configuration.duration of the request body (application/json) of POST /labels became required.',
    );
  });

  it('reports a member removed from the middle as that alternative, not as the next one changed', () => {
    const changes = diff(
      response({ anyOf: [byId, text, iteration] }),
      response({ anyOf: [byId, iteration] }),
    );
    expect(ids(changes)).toEqual(['response-alternative-removed non-breaking']);
    expect(changes[0].location).toMatchObject({
      document: 'base',
      pointer:
        '/paths/~1events/get/responses/200/content/application~1json/schema/anyOf/1',
    });
    expect(
      ids(
        diff(
          request({ anyOf: [byId, text, iteration] }),
          request({ anyOf: [byId, iteration] }),
        ),
      ),
    ).toEqual(['request-alternative-removed breaking']);
  });

  it('reports members that share nothing as one removed and one added, not compared with each other', () => {
    const changes = diff(
      request({ oneOf: [{ type: 'integer' }, byId] }),
      request({ oneOf: [byId, url] }),
    );
    // The integer no longer accepted is the alternative removed, not also a type change of
    // the union of the members' types.
    expect(ids(changes).sort()).toEqual([
      'request-alternative-added non-breaking',
      'request-alternative-removed breaking',
    ]);
  });

  it('still compares a rewritten member with its closest counterpart', () => {
    const renamed = {
      ...obj({ title: str, options: { type: 'array', items: str } }),
      required: ['title'],
    };
    expect(
      ids(
        diff(
          request({ oneOf: [byId, text] }),
          request({ oneOf: [byId, renamed] }),
        ),
      ).sort(),
    ).toEqual([
      'new-required-request-property breaking',
      'request-property-removed potentially-breaking',
    ]);
  });

  it('falls back to order past the bound on candidate pairs, in bounded time', () => {
    // 200 x 200 members: 40,000 candidates, more than a real description has.
    const members = (offset: number) =>
      Array.from({ length: 200 }, (_, i) => obj({ [`p${i + offset}`]: str }));
    const started = Date.now();
    const changes = diff(
      response({ oneOf: members(0) }),
      response({ oneOf: members(0) }),
    );
    expect(changes).toEqual([]);
    // Generous bound for a loaded 2-core CI machine.
    expect(Date.now() - started).toBeLessThan(10_000);
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
        'response-optional-property-removed',
      ]);
      const label = i % 2 ? '[].ref' : 'ref';
      expect(own.map(c => c.message)).toContain(
        `Optional property ${label} was removed from the 200 response (application/json) of GET /r${i}; clients that relied on it being sent may break.`,
      );
    }
  });
});

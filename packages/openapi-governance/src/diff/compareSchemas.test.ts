import {
  api,
  diffIgnoringVersion as diff,
  getReturning,
  ids,
  postTaking,
} from '../testing/openApiFixtures';

const request = (schema: unknown, openapi = '3.0.3') =>
  api({ openapi, paths: { '/things': { post: postTaking(schema) } } });
const response = (schema: unknown, openapi = '3.0.3') =>
  api({ openapi, paths: { '/things': { get: getReturning(schema) } } });
const obj = (
  properties: Record<string, unknown>,
  required: string[] = [],
  extra = {},
) => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
  ...extra,
});
const str = { type: 'string' };

// The version rule has its own tests (checkVersionBump.test.ts).
const schemaIds = ids;

describe('request properties', () => {
  it('reports a new required request property as breaking', () => {
    const changes = diff(
      request(obj({ a: str })),
      request(obj({ a: str, b: str }, ['b'])),
    );
    expect(schemaIds(changes)).toEqual([
      'new-required-request-property breaking',
    ]);
    expect(
      changes.find(c => c.id === 'new-required-request-property')?.location
        .pointer,
    ).toBe(
      '/paths/~1things/post/requestBody/content/application~1json/schema/properties/b',
    );
  });

  it('reports optional -> required as breaking', () => {
    expect(
      schemaIds(
        diff(request(obj({ a: str })), request(obj({ a: str }, ['a']))),
      ),
    ).toEqual(['request-property-became-required breaking']);
  });

  it('reports a new optional request property as non-breaking', () => {
    expect(
      schemaIds(
        diff(request(obj({ a: str })), request(obj({ a: str, b: str }))),
      ),
    ).toEqual(['request-property-added non-breaking']);
  });

  it('escalates a removed request property to breaking when unknown properties are rejected', () => {
    expect(
      schemaIds(
        diff(
          request(obj({ a: str, b: str }, [], { additionalProperties: false })),
          request(obj({ a: str }, [], { additionalProperties: false })),
        ),
      ),
    ).toEqual(['request-property-removed breaking']);
    expect(
      schemaIds(
        diff(request(obj({ a: str, b: str })), request(obj({ a: str }))),
      ),
    ).toEqual(['request-property-removed potentially-breaking']);
  });

  it('ignores readOnly properties in requests', () => {
    const ro = { type: 'string', readOnly: true };
    expect(
      diff(request(obj({ a: str })), request(obj({ a: str, id: ro }, ['id']))),
    ).toEqual([]);
  });

  it('merges allOf members when comparing properties', () => {
    const base = obj({ a: str });
    const head = { allOf: [obj({ a: str }), obj({ b: str }, ['b'])] };
    expect(schemaIds(diff(request(base), request(head)))).toEqual([
      'new-required-request-property breaking',
    ]);
  });
});

describe('response properties', () => {
  it('reports a removed required response property as breaking, pointing into the base', () => {
    const changes = diff(
      response(obj({ a: str, b: str }, ['a', 'b'])),
      response(obj({ a: str }, ['a'])),
    );
    expect(schemaIds(changes)).toEqual(['response-property-removed breaking']);
    expect(changes[0].location).toMatchObject({
      document: 'base',
      pointer:
        '/paths/~1things/get/responses/200/content/application~1json/schema/properties/b',
    });
    expect(changes[0].message).toBe(
      'Property b was removed from the 200 response (application/json) of GET /things.',
    );
  });

  it('reports a removed optional response property as potentially breaking', () => {
    // GitHub 22.0.0 -> 23.0.0: permissions.team_discussions, never in `required`.
    const changes = diff(
      response(obj({ a: str, b: str }, ['a'])),
      response(obj({ a: str }, ['a'])),
    );
    expect(schemaIds(changes)).toEqual([
      'response-optional-property-removed potentially-breaking',
    ]);
    expect(changes[0].location).toMatchObject({
      document: 'base',
      pointer:
        '/paths/~1things/get/responses/200/content/application~1json/schema/properties/b',
    });
    expect(changes[0].message).toBe(
      'Optional property b was removed from the 200 response (application/json) of GET /things; clients that relied on it being sent may break.',
    );
  });

  it('takes required from allOf members when a removed response property was promised there', () => {
    const changes = diff(
      response({ allOf: [obj({ a: str, b: str }), { required: ['b'] }] }),
      response({ allOf: [obj({ a: str })] }),
    );
    expect(schemaIds(changes)).toEqual(['response-property-removed breaking']);
  });

  it('reports required -> optional in a response as breaking', () => {
    expect(
      schemaIds(
        diff(response(obj({ a: str }, ['a'])), response(obj({ a: str }))),
      ),
    ).toEqual(['response-property-became-optional breaking']);
  });

  it('reports a new response property as non-breaking', () => {
    expect(
      schemaIds(
        diff(response(obj({ a: str })), response(obj({ a: str, b: str }))),
      ),
    ).toEqual(['response-property-added non-breaking']);
  });

  it('ignores writeOnly properties in responses', () => {
    const wo = { type: 'string', writeOnly: true };
    expect(
      diff(response(obj({ a: str, password: wo })), response(obj({ a: str }))),
    ).toEqual([]);
  });

  it('follows array items', () => {
    const changes = diff(
      response({ type: 'array', items: obj({ a: str, b: str }, ['b']) }),
      response({ type: 'array', items: obj({ a: str }) }),
    );
    expect(changes[0].message).toBe(
      'Property [].b was removed from the 200 response (application/json) of GET /things.',
    );
  });
});

describe('types and null', () => {
  it('reports a type change as breaking in a request and in a response', () => {
    expect(
      schemaIds(
        diff(
          request(obj({ a: str })),
          request(obj({ a: { type: 'integer' } })),
        ),
      ),
    ).toEqual(['type-changed breaking']);
    expect(
      schemaIds(
        diff(
          response(obj({ a: str })),
          response(obj({ a: { type: 'integer' } })),
        ),
      ),
    ).toEqual(['type-changed breaking']);
  });

  it('allows a request integer to widen to number but not a response', () => {
    const int = obj({ n: { type: 'integer' } });
    const num = obj({ n: { type: 'number' } });
    expect(diff(request(int), request(num))).toEqual([]);
    expect(schemaIds(diff(response(int), response(num)))).toEqual([
      'type-changed breaking',
    ]);
  });

  it('3.0: a response property that becomes nullable is breaking', () => {
    const changes = diff(
      response(obj({ a: str })),
      response(obj({ a: { type: 'string', nullable: true } })),
    );
    expect(schemaIds(changes)).toEqual(['type-changed breaking']);
    expect(changes[0].message).toBe(
      'Property a in the 200 response (application/json) of GET /things may now be null.',
    );
  });

  it('3.0: a request property that stops being nullable is breaking, the reverse is not', () => {
    const nullable = obj({ a: { type: 'string', nullable: true } });
    const plain = obj({ a: str });
    const changes = diff(request(nullable), request(plain));
    expect(schemaIds(changes)).toEqual(['type-changed breaking']);
    expect(changes[0].message).toContain('no longer accepts null');
    expect(diff(request(plain), request(nullable))).toEqual([]);
  });

  it("3.1: type: [string, 'null'] in a response is breaking when it was string", () => {
    const changes = diff(
      response(obj({ a: str }), '3.1.0'),
      response(obj({ a: { type: ['string', 'null'] } }), '3.1.0'),
    );
    expect(schemaIds(changes)).toEqual(['type-changed breaking']);
    expect(changes[0].message).toContain('may now be null');
  });

  it("3.1: dropping 'null' from a request type is breaking", () => {
    expect(
      schemaIds(
        diff(
          request(obj({ a: { type: ['string', 'null'] } }), '3.1.0'),
          request(obj({ a: str }), '3.1.0'),
        ),
      ),
    ).toEqual(['type-changed breaking']);
  });

  it('3.0 nullable and 3.1 null type are the same thing', () => {
    expect(
      diff(
        response(obj({ a: { type: 'string', nullable: true } }), '3.0.3'),
        response(obj({ a: { type: ['string', 'null'] } }), '3.1.0'),
      ),
    ).toEqual([]);
  });
});

describe('format', () => {
  it('reports a changed format as breaking', () => {
    const changes = diff(
      request(obj({ id: { type: 'string', format: 'uuid' } })),
      request(obj({ id: { type: 'string', format: 'uri' } })),
    );
    expect(schemaIds(changes)).toEqual(['format-changed breaking']);
    expect(changes[0].message).toContain('from uuid to uri');
  });

  it('reports a format added to a request and removed from a response', () => {
    expect(
      schemaIds(
        diff(
          request(obj({ a: str })),
          request(obj({ a: { type: 'string', format: 'email' } })),
        ),
      ),
    ).toEqual(['format-changed breaking']);
    expect(
      schemaIds(
        diff(
          response(obj({ a: { type: 'string', format: 'email' } })),
          response(obj({ a: str })),
        ),
      ),
    ).toEqual(['format-changed breaking']);
  });

  it('accepts a format removed from a request', () => {
    expect(
      diff(
        request(obj({ a: { type: 'string', format: 'email' } })),
        request(obj({ a: str })),
      ),
    ).toEqual([]);
  });
});

describe('enums', () => {
  const e = (...values: string[]) =>
    obj({ s: { type: 'string', enum: values } });

  it('reports a request enum value removed as breaking and one added as non-breaking', () => {
    expect(schemaIds(diff(request(e('a', 'b')), request(e('a', 'c'))))).toEqual(
      [
        'request-enum-value-removed breaking',
        'request-enum-value-added non-breaking',
      ],
    );
  });

  it('reports a response enum value added as breaking and one removed as fine', () => {
    const changes = diff(response(e('a', 'b')), response(e('a', 'b', 'c')));
    expect(schemaIds(changes)).toEqual(['response-enum-value-added breaking']);
    expect(changes[0].message).toContain('"c"');
    expect(diff(response(e('a', 'b')), response(e('a')))).toEqual([]);
  });

  // GitHub 22.0.0 -> 23.0.0: budget_type went from enum [SkuPricing, ProductPricing] to a
  // oneOf of two one-value enums.
  const oneOfEnums = (...values: string[][]) =>
    obj({
      s: { oneOf: values.map(v => ({ type: 'string', enum: v })) },
    });

  it('reads a oneOf of enums as the union of their values: the same values are no change', () => {
    expect(
      diff(response(e('a', 'b')), response(oneOfEnums(['a'], ['b']))),
    ).toEqual([]);
    expect(
      diff(request(e('a', 'b')), request(oneOfEnums(['b'], ['a']))),
    ).toEqual([]);
  });

  it('reports a value a oneOf of enums adds to a response enum, pointing at the member', () => {
    const changes = diff(
      response(e('a', 'b')),
      response(oneOfEnums(['a'], ['b', 'c'])),
    );
    expect(schemaIds(changes)).toEqual(['response-enum-value-added breaking']);
    expect(changes[0].location.pointer).toBe(
      '/paths/~1things/get/responses/200/content/application~1json/schema/properties/s/oneOf/1/enum/1',
    );
  });

  it('reports a request value a oneOf of enums no longer accepts, and a free string limited by one', () => {
    expect(
      schemaIds(diff(request(oneOfEnums(['a'], ['b'])), request(e('a')))),
    ).toEqual(['request-enum-value-removed breaking']);
    expect(
      schemaIds(diff(request(obj({ s: str })), request(oneOfEnums(['a'])))),
    ).toEqual(['request-constraint-tightened breaking']);
  });

  it('reads const members like one-value enums', () => {
    expect(
      diff(
        response(e('a', 'b')),
        response(
          obj({
            s: {
              anyOf: [
                { type: 'string', const: 'a' },
                { type: 'string', const: 'b' },
              ],
            },
          }),
          '3.1.0',
        ),
      ),
    ).toEqual([]);
  });
});

describe('constraints', () => {
  it.each([
    ['maxLength lowered', { maxLength: 10 }, { maxLength: 5 }],
    ['maxLength added', {}, { maxLength: 5 }],
    ['minLength raised', { minLength: 1 }, { minLength: 3 }],
    ['pattern added', {}, { pattern: '^[a-z]+$' }],
    ['pattern changed', { pattern: '^[a-z]+$' }, { pattern: '^[a-c]+$' }],
  ])('request: %s is breaking', (_name, before, after) => {
    expect(
      schemaIds(
        diff(
          request(obj({ a: { type: 'string', ...before } })),
          request(obj({ a: { type: 'string', ...after } })),
        ),
      ),
    ).toEqual(['request-constraint-tightened breaking']);
  });

  it.each([
    ['maximum lowered', { maximum: 10 }, { maximum: 5 }],
    ['minimum raised', { minimum: 0 }, { minimum: 1 }],
  ])('request: numeric %s is breaking', (_name, before, after) => {
    expect(
      schemaIds(
        diff(
          request(obj({ n: { type: 'integer', ...before } })),
          request(obj({ n: { type: 'integer', ...after } })),
        ),
      ),
    ).toEqual(['request-constraint-tightened breaking']);
  });

  it('request: minItems raised and uniqueItems added are breaking', () => {
    const arr = (extra: object) =>
      obj({ l: { type: 'array', items: str, ...extra } });
    expect(
      schemaIds(
        diff(request(arr({ minItems: 0 })), request(arr({ minItems: 1 }))),
      ),
    ).toEqual(['request-constraint-tightened breaking']);
    expect(
      schemaIds(diff(request(arr({})), request(arr({ uniqueItems: true })))),
    ).toEqual(['request-constraint-tightened breaking']);
  });

  it('request: loosening is not reported', () => {
    expect(
      diff(
        request(obj({ a: { type: 'string', maxLength: 5 } })),
        request(obj({ a: { type: 'string', maxLength: 10 } })),
      ),
    ).toEqual([]);
  });

  it.each([
    ['maxLength raised', { maxLength: 5 }, { maxLength: 10 }],
    ['maxLength removed', { maxLength: 5 }, {}],
    ['minLength lowered', { minLength: 3 }, { minLength: 1 }],
    ['pattern removed', { pattern: '^[a-z]+$' }, {}],
  ])('response: %s is breaking', (_name, before, after) => {
    expect(
      schemaIds(
        diff(
          response(obj({ a: { type: 'string', ...before } })),
          response(obj({ a: { type: 'string', ...after } })),
        ),
      ),
    ).toEqual(['response-constraint-loosened breaking']);
  });

  it('response: tightening is not reported', () => {
    expect(
      diff(
        response(obj({ a: { type: 'string', maxLength: 10 } })),
        response(obj({ a: { type: 'string', maxLength: 5 } })),
      ),
    ).toEqual([]);
  });
});

describe('what a schema says without saying it directly', () => {
  it('compares oneOf: [X] as X: unwrapping it is no change', () => {
    // GitHub 17.0.0 -> 18.0.0: the body of POST .../protection/restrictions/apps.
    const apps = obj({ apps: { type: 'array', items: str } }, ['apps']);
    expect(diff(request({ oneOf: [apps] }), request(apps))).toEqual([]);
    expect(diff(response(apps), response({ anyOf: [apps] }))).toEqual([]);
    // A wrapper with a constraint of its own is not just its member.
    expect(
      schemaIds(
        diff(
          request({ oneOf: [apps] }),
          request(
            obj({ apps: { type: 'array', items: str }, b: str }, ['apps', 'b']),
          ),
        ),
      ),
    ).toEqual(['new-required-request-property breaking']);
  });

  it('reads a name in required without a declaration as promised: declared optional later is required -> optional', () => {
    // GitHub 17.0.0 -> 18.0.0: content-tree listed `content` in required, undeclared.
    const base = { ...obj({ id: str }, ['id', 'content']) };
    const changes = diff(
      response(base),
      response(obj({ id: str, content: str }, ['id'])),
    );
    expect(schemaIds(changes)).toEqual([
      'response-property-became-optional breaking',
    ]);
    expect(changes[0].location.pointer).toBe(
      '/paths/~1things/get/responses/200/content/application~1json/schema/properties/content',
    );
    expect(
      diff(
        response(base),
        response(obj({ id: str, content: str }, ['id', 'content'])),
      ),
    ).toEqual([]);
    expect(
      diff(
        request({ ...obj({ id: str }, ['id', 'content']) }),
        request(obj({ id: str, content: str }, ['id', 'content'])),
      ),
    ).toEqual([]);
  });

  it('allOf is an intersection: a nullable member next to a typed non-nullable one is not null', () => {
    // GitHub 16.0.0 -> 16.6.0: allOf [integration (now nullable), {type: object}].
    const doc = (nullable: boolean) =>
      api({
        paths: {
          '/things': {
            get: getReturning({
              allOf: [
                { $ref: '#/components/schemas/integration' },
                obj({ pem: str }),
              ],
            }),
          },
        },
        components: {
          schemas: {
            integration: obj(
              { id: str },
              [],
              nullable ? { nullable: true } : {},
            ),
          },
        },
      });
    expect(diff(doc(false), doc(true))).toEqual([]);
    // The schema's own nullable over its allOf still counts.
    const outer = (nullable: boolean) =>
      response({
        allOf: [obj({ id: str })],
        ...(nullable ? { nullable } : {}),
      });
    expect(schemaIds(diff(outer(false), outer(true)))).toEqual([
      'type-changed breaking',
    ]);
  });
});

describe('additionalProperties', () => {
  const strict = { additionalProperties: false };

  it('request: an object that starts rejecting undeclared properties is potentially breaking', () => {
    // GitHub 22.0.0 -> 23.0.0: the options of a new single-select project field.
    const changes = diff(
      request(obj({ name: str })),
      request(obj({ name: str }, [], strict)),
    );
    expect(schemaIds(changes)).toEqual([
      'request-additional-properties-restricted potentially-breaking',
    ]);
    expect(changes[0].location).toMatchObject({
      document: 'head',
      pointer:
        '/paths/~1things/post/requestBody/content/application~1json/schema/additionalProperties',
    });
    expect(changes[0].message).toBe(
      'The request body (application/json) of POST /things no longer accepts properties it does not declare (additionalProperties: false); requests that send any will be rejected.',
    );
  });

  it('request: limiting undeclared properties to a schema is potentially breaking, `true`, `{}` and annotations are not limits', () => {
    expect(
      schemaIds(
        diff(
          request(obj({}, [], { additionalProperties: true })),
          request(obj({}, [], { additionalProperties: str })),
        ),
      ),
    ).toEqual([
      'request-additional-properties-restricted potentially-breaking',
    ]);
    expect(
      diff(
        request(obj({})),
        request(
          obj({}, [], { additionalProperties: { description: 'anything' } }),
        ),
      ),
    ).toEqual([]);
  });

  it('request: loosening is not reported; a response may start allowing undeclared properties', () => {
    expect(
      diff(request(obj({ a: str }, [], strict)), request(obj({ a: str }))),
    ).toEqual([]);
    expect(
      diff(response(obj({ a: str }, [], strict)), response(obj({ a: str }))),
    ).toEqual([]);
    expect(
      diff(response(obj({ a: str })), response(obj({ a: str }, [], strict))),
    ).toEqual([]);
  });

  it('compares the values of two maps, named name.*', () => {
    const map = (values: unknown) =>
      obj({ labels: { type: 'object', additionalProperties: values } });
    const changes = diff(
      response(map(str)),
      response(map({ type: 'integer' })),
    );
    expect(schemaIds(changes)).toEqual(['type-changed breaking']);
    expect(changes[0].location.pointer).toBe(
      '/paths/~1things/get/responses/200/content/application~1json/schema/properties/labels/additionalProperties/type',
    );
    expect(changes[0].message).toContain('labels.*');
  });

  it('response: map values that were limited by a schema and may now be anything are breaking; a $ref to an empty schema limits nothing', () => {
    const map = (values: unknown) =>
      obj({ labels: { type: 'object', additionalProperties: values } });
    for (const loose of [true, {}, undefined]) {
      expect(
        schemaIds(
          diff(response(map({ type: 'integer' })), response(map(loose))),
        ),
      ).toEqual(['type-changed breaking']);
    }
    const withEmpty = (values: unknown) =>
      api({
        paths: {
          '/things': {
            post: postTaking(obj({}, [], { additionalProperties: values })),
          },
        },
        components: { schemas: { Anything: { description: 'any value' } } },
      });
    expect(
      diff(
        withEmpty(true),
        withEmpty({ $ref: '#/components/schemas/Anything' }),
      ),
    ).toEqual([]);
  });

  it('follows a $ref map value and finds a property removed from it', () => {
    const doc = (value: Record<string, unknown>) =>
      api({
        paths: {
          '/things': {
            get: getReturning({
              type: 'object',
              additionalProperties: { $ref: '#/components/schemas/V' },
            }),
          },
        },
        components: { schemas: { V: obj(value, Object.keys(value)) } },
      });
    const changes = diff(doc({ a: str, b: str }), doc({ a: str }));
    expect(schemaIds(changes)).toEqual(['response-property-removed breaking']);
    expect(changes[0].message).toBe(
      'Property *.b was removed from the 200 response (application/json) of GET /things.',
    );
  });
});

describe('recursive schemas', () => {
  const tree = (extra: Record<string, unknown>) =>
    api({
      paths: {
        '/tree': { get: getReturning({ $ref: '#/components/schemas/Node' }) },
      },
      components: {
        schemas: {
          Node: obj({
            name: str,
            children: {
              type: 'array',
              items: { $ref: '#/components/schemas/Node' },
            },
            ...extra,
          }),
        },
      },
    });

  it('compares a self-referencing schema once per pair and terminates', () => {
    const changes = diff(tree({ label: str }), tree({}));
    expect(ids(changes)).toEqual([
      'response-optional-property-removed potentially-breaking',
    ]);
    expect(changes[0].location.pointer).toBe(
      '/components/schemas/Node/properties/label',
    );
  });

  it('terminates on mutually recursive schemas', () => {
    const doc = (extra: Record<string, unknown>) =>
      api({
        paths: {
          '/a': { get: getReturning({ $ref: '#/components/schemas/A' }) },
        },
        components: {
          schemas: {
            A: obj({ b: { $ref: '#/components/schemas/B' } }),
            B: obj({ a: { $ref: '#/components/schemas/A' }, ...extra }),
          },
        },
      });
    expect(schemaIds(diff(doc({ x: str }), doc({})))).toEqual([
      'response-optional-property-removed potentially-breaking',
    ]);
  });
});

describe('hostile sizes', () => {
  it('compares enums of 50,000 values in linear time', () => {
    const values = Array.from({ length: 50000 }, (_, i) => `v${i}`);
    const started = Date.now();
    const changes = diff(
      request(obj({ s: { type: 'string', enum: values } })),
      request(obj({ s: { type: 'string', enum: values.slice(1) } })),
    );
    expect(ids(changes)).toEqual(['request-enum-value-removed breaking']);
    // Generous bound for a loaded 2-core CI machine; a quadratic comparison takes minutes.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

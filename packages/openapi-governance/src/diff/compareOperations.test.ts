import { api, diff, ids } from '../testing/openApiFixtures';

const ok = { responses: { '200': { description: 'ok' } } };

describe('operation rules', () => {
  it('reports a removed operation that was never deprecated as breaking', () => {
    const changes = diff(
      api({ paths: { '/users': { get: ok, post: ok } } }),
      api({
        info: { title: 'Test API', version: '2.0.0' },
        paths: { '/users': { get: ok } },
      }),
    );
    expect(changes).toEqual([
      {
        id: 'operation-removed',
        severity: 'breaking',
        location: {
          path: '/users',
          method: 'post',
          pointer: '/paths/~1users/post',
          document: 'base',
        },
        message: 'POST /users was removed without being deprecated first.',
      },
    ]);
  });

  it('reports an added operation as non-breaking', () => {
    const changes = diff(
      api({ paths: {} }),
      api({ paths: { '/users': { get: ok } } }),
    );
    expect(ids(changes)).toEqual(['operation-added non-breaking']);
    expect(changes[0].location).toEqual({
      path: '/users',
      method: 'get',
      pointer: '/paths/~1users/get',
      document: 'head',
    });
  });

  it('matches /users/{id} with /users/{userId}: renaming a path parameter changes nothing', () => {
    const param = (name: string) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    });
    const changes = diff(
      api({ paths: { '/users/{id}': { parameters: [param('id')], get: ok } } }),
      api({
        paths: {
          '/users/{userId}': { parameters: [param('userId')], get: ok },
        },
      }),
    );
    expect(changes).toEqual([]);
  });

  it('reports a new deprecation as non-breaking', () => {
    const changes = diff(
      api({ paths: { '/a': { get: ok } } }),
      api({ paths: { '/a': { get: { ...ok, deprecated: true } } } }),
    );
    expect(ids(changes)).toEqual(['operation-deprecated non-breaking']);
    expect(changes[0].location.pointer).toBe('/paths/~1a/get/deprecated');
  });
});

describe('deprecation and sunset', () => {
  const removed = (
    operation: Record<string, unknown>,
    info: Record<string, unknown> = {},
  ) =>
    diff(
      api({
        info: { title: 't', version: '1.0.0', ...info },
        paths: { '/a': { get: ok, delete: operation } },
      }),
      api({
        info: { title: 't', version: '1.1.0' },
        paths: { '/a': { get: ok } },
      }),
    );

  it('allows removing a deprecated operation after its x-sunset date', () => {
    const changes = removed({
      ...ok,
      deprecated: true,
      'x-sunset': '2026-06-30',
    });
    expect(ids(changes)).toEqual([
      'operation-removed-after-sunset non-breaking',
    ]);
    expect(changes[0].message).toBe(
      'DELETE /a was removed after its sunset on 2026-06-30.',
    );
  });

  it('reports removal before the x-sunset date as breaking', () => {
    const changes = removed({
      ...ok,
      deprecated: true,
      'x-sunset': '2027-03-31',
    });
    expect(ids(changes)).toEqual([
      'breaking-change-without-major-bump breaking',
      'operation-removed-before-sunset breaking',
    ]);
  });

  it('reads the Plinth sunset extension from info when the operation has none', () => {
    expect(
      ids(
        removed(
          { ...ok, deprecated: true },
          { 'x-plinth-sunset-at': '2026-01-01' },
        ),
      ),
    ).toEqual(['operation-removed-after-sunset non-breaking']);
    expect(
      ids(
        removed(
          { ...ok, deprecated: true },
          { 'plinth.dev/sunset-at': '2026-01-01' },
        ),
      ),
    ).toEqual(['operation-removed-after-sunset non-breaking']);
  });

  it('uses the sunset date given by the caller (the catalog annotation) as a fallback', () => {
    const base = api({
      paths: { '/a': { get: ok, delete: { ...ok, deprecated: true } } },
    });
    const head = api({
      info: { title: 't', version: '1.1.0' },
      paths: { '/a': { get: ok } },
    });
    expect(ids(diff(base, head, { sunsetAt: '2027-03-31' }))).toContain(
      'operation-removed-before-sunset breaking',
    );
    expect(ids(diff(base, head, { sunsetAt: '2026-03-31' }))).toEqual([
      'operation-removed-after-sunset non-breaking',
    ]);
  });

  it('compares the sunset with the injected clock, not the wall clock', () => {
    const base = api({
      paths: {
        '/a': {
          get: ok,
          delete: { ...ok, deprecated: true, 'x-sunset': '2027-03-31' },
        },
      },
    });
    const head = api({
      info: { title: 't', version: '1.1.0' },
      paths: { '/a': { get: ok } },
    });
    expect(
      ids(diff(base, head, { now: new Date('2027-04-01T00:00:00Z') })),
    ).toEqual(['operation-removed-after-sunset non-breaking']);
  });

  it('calls removing a deprecated operation without a sunset potentially breaking', () => {
    expect(ids(removed({ ...ok, deprecated: true }))).toEqual([
      'deprecated-operation-removed potentially-breaking',
    ]);
  });

  it('reports a sunset that is not a date instead of guessing', () => {
    const changes = removed({
      ...ok,
      deprecated: true,
      'x-sunset': 'next spring',
    });
    expect(ids(changes)).toEqual([
      'deprecated-operation-removed potentially-breaking',
    ]);
    expect(changes[0].message).toContain('"next spring" is not a date');
  });
});

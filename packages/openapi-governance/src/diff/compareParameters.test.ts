import {
  api,
  diff,
  diffIgnoringVersion,
  ids,
  postTaking,
} from '../testing/openApiFixtures';

const op = (parameters: unknown[]) =>
  api({
    paths: {
      '/users': {
        get: { parameters, responses: { '200': { description: 'ok' } } },
      },
    },
  });
const q = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  in: 'query',
  schema: { type: 'string' },
  ...extra,
});

describe('parameter rules', () => {
  it('reports a new required parameter as breaking', () => {
    const changes = diff(op([]), op([q('tenant', { required: true })]));
    expect(ids(changes)).toContain('new-required-parameter breaking');
    expect(changes.find(c => c.id === 'new-required-parameter')?.message).toBe(
      'GET /users requires a new query parameter tenant.',
    );
  });

  it('reports a new optional parameter as non-breaking', () => {
    expect(ids(diff(op([]), op([q('filter')])))).toEqual([
      'optional-parameter-added non-breaking',
    ]);
  });

  it('reports optional -> required as breaking, pointing at the required flag', () => {
    const changes = diff(
      op([q('filter')]),
      op([q('filter', { required: true })]),
    );
    expect(ids(changes)).toContain('parameter-became-required breaking');
    expect(
      changes.find(c => c.id === 'parameter-became-required')?.location.pointer,
    ).toBe('/paths/~1users/get/parameters/0/required');
  });

  it('reports a removed parameter as potentially breaking', () => {
    expect(ids(diff(op([q('filter')]), op([])))).toEqual([
      'parameter-removed potentially-breaking',
    ]);
  });

  it('matches header parameters case-insensitively', () => {
    const h = (name: string) => ({
      name,
      in: 'header',
      schema: { type: 'string' },
    });
    expect(diff(op([h('X-Trace')]), op([h('x-trace')]))).toEqual([]);
  });

  it('treats parameter-level and path-level parameters as one list', () => {
    const base = api({
      paths: {
        '/users': {
          parameters: [q('filter')],
          get: { responses: { '200': { description: 'ok' } } },
        },
      },
    });
    expect(diff(base, op([q('filter')]))).toEqual([]);
  });

  it('compares parameter schemas as request schemas (tightened maxLength)', () => {
    const changes = diff(
      op([q('filter', { schema: { type: 'string', maxLength: 256 } })]),
      op([q('filter', { schema: { type: 'string', maxLength: 64 } })]),
    );
    expect(ids(changes)).toContain('request-constraint-tightened breaking');
  });

  it('accepts a scalar parameter that became a string (text on the wire), not the reverse nor in a body', () => {
    // GitHub 17.0.0 -> 18.0.0: the repository_name query parameter, integer -> string.
    const typed = (type: string) =>
      op([q('repository_name', { schema: { type } })]);
    expect(diffIgnoringVersion(typed('integer'), typed('string'))).toEqual([]);
    expect(diffIgnoringVersion(typed('boolean'), typed('string'))).toEqual([]);
    expect(ids(diffIgnoringVersion(typed('string'), typed('integer')))).toEqual(
      ['type-changed breaking'],
    );
    const body = (type: string) =>
      api({
        paths: {
          '/users': {
            post: postTaking({
              type: 'object',
              properties: { repository_name: { type } },
            }),
          },
        },
      });
    expect(ids(diffIgnoringVersion(body('integer'), body('string')))).toEqual([
      'type-changed breaking',
    ]);
  });
});

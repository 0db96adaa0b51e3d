import {
  api,
  diffIgnoringVersion as diff,
  ids,
} from '../testing/openApiFixtures';

const body = (requestBody?: unknown, method = 'post', extra = {}) =>
  api({
    info: { title: 't', version: '2.0.0' },
    paths: {
      '/a': {
        [method]: {
          ...(requestBody ? { requestBody } : {}),
          responses: { '204': { description: 'ok' } },
        },
      },
    },
    ...extra,
  });
const json = (required?: boolean, mediaType = 'application/json') => ({
  ...(required === undefined ? {} : { required }),
  content: { [mediaType]: { schema: { type: 'object' } } },
});

describe('request body rules', () => {
  it('reports a new required request body as breaking', () => {
    expect(ids(diff(body(), body(json(true))))).toEqual([
      'new-required-request-body breaking',
    ]);
  });

  it('accepts a new optional request body', () => {
    expect(diff(body(), body(json(false)))).toEqual([]);
  });

  it('reports an optional body becoming required as breaking', () => {
    const changes = diff(body(json(false)), body(json(true)));
    expect(ids(changes)).toEqual(['request-body-became-required breaking']);
    expect(changes[0].location.pointer).toBe(
      '/paths/~1a/post/requestBody/required',
    );
  });

  it('reports a request media type that is no longer accepted', () => {
    const changes = diff(
      body(json(true)),
      body(json(true, 'application/merge-patch+json')),
    );
    expect(ids(changes)).toEqual(['request-media-type-removed breaking']);
    expect(changes[0].message).toBe(
      'POST /a no longer accepts application/json request bodies (it now takes application/merge-patch+json).',
    );
  });

  it.each(['post', 'put', 'patch', 'delete'])(
    'reports a request body removed from %s as breaking, pointing into the base',
    method => {
      const changes = diff(body(json(true), method), body(undefined, method));
      expect(changes).toEqual([
        {
          id: 'request-body-removed',
          severity: 'breaking',
          location: {
            path: '/a',
            method,
            pointer: `/paths/~1a/${method}/requestBody`,
            document: 'base',
          },
          message: `${method.toUpperCase()} /a no longer takes a request body; clients still sending one may be rejected, and what it carried is no longer used.`,
        },
      ]);
    },
  );

  it.each(['get', 'head'])(
    'rates a request body removed from %s as potentially breaking: HTTP gives it no meaning',
    method => {
      // GitHub 23.0.0 -> 23.0.1: GET /repos/{owner}/{repo}/contents/{path} lost an
      // optional body that had examples and no schema.
      const changes = diff(
        body({ content: { 'application/json': { examples: {} } } }, method),
        body(undefined, method),
      );
      expect(ids(changes)).toEqual([
        'request-body-removed potentially-breaking',
      ]);
      expect(changes[0].message).toBe(
        `${method.toUpperCase()} /a no longer documents a request body; a ${method.toUpperCase()} body has no meaning in HTTP, but servers may reject clients still sending one.`,
      );
    },
  );

  it('points at the shared request body a removed $ref named, and reports nothing else', () => {
    const components = {
      requestBodies: { Thing: json(false) },
    };
    const changes = diff(
      body({ $ref: '#/components/requestBodies/Thing' }, 'post', {
        components,
      }),
      body(undefined, 'post', { components }),
    );
    expect(ids(changes)).toEqual(['request-body-removed breaking']);
    expect(changes[0].location.pointer).toBe('/components/requestBodies/Thing');
  });
});

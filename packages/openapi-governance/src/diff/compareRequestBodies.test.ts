import {
  api,
  diffIgnoringVersion as diff,
  ids,
} from '../testing/openApiFixtures';

const body = (requestBody?: unknown) =>
  api({
    info: { title: 't', version: '2.0.0' },
    paths: {
      '/a': {
        post: {
          ...(requestBody ? { requestBody } : {}),
          responses: { '204': { description: 'ok' } },
        },
      },
    },
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
});

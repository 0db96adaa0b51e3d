import {
  api,
  diffIgnoringVersion as diff,
  ids,
} from '../testing/openApiFixtures';

const secured = (security: unknown, global?: unknown) =>
  api({
    info: { title: 't', version: '2.0.0' },
    ...(global ? { security: global } : {}),
    paths: {
      '/a': {
        get: {
          ...(security ? { security } : {}),
          responses: { '200': { description: 'ok' } },
        },
      },
    },
    components: {
      securitySchemes: {
        jwt: { type: 'http', scheme: 'bearer' },
        oauth: {
          type: 'oauth2',
          flows: {
            clientCredentials: {
              tokenUrl: 'https://t',
              scopes: { read: 'r', write: 'w' },
            },
          },
        },
      },
    },
  });

describe('security rules', () => {
  it('reports authentication newly required on an open operation as breaking', () => {
    const changes = diff(secured(undefined), secured([{ jwt: [] }]));
    expect(ids(changes)).toEqual(['security-requirement-added breaking']);
    expect(changes[0].message).toBe(
      'GET /a now requires authentication (jwt).',
    );
  });

  it('reports a removed way to authenticate as breaking', () => {
    expect(
      ids(
        diff(
          secured([{ jwt: [] }, { oauth: ['read'] }]),
          secured([{ oauth: ['read'] }]),
        ),
      ),
    ).toEqual(['security-alternative-removed breaking']);
  });

  it('reports an added way to authenticate as non-breaking', () => {
    expect(
      ids(
        diff(
          secured([{ jwt: [] }]),
          secured([{ jwt: [] }, { oauth: ['read'] }]),
        ),
      ),
    ).toEqual(['security-alternative-added non-breaking']);
  });

  it('reports a new required scope as breaking and a dropped scope as non-breaking', () => {
    expect(
      ids(
        diff(
          secured([{ oauth: ['read'] }]),
          secured([{ oauth: ['read', 'write'] }]),
        ),
      ),
    ).toEqual(['security-scope-added breaking']);
    expect(
      ids(
        diff(
          secured([{ oauth: ['read', 'write'] }]),
          secured([{ oauth: ['read'] }]),
        ),
      ),
    ).toEqual(['security-scope-removed non-breaking']);
  });

  it('applies global security when the operation has none', () => {
    const changes = diff(
      secured(undefined, [{ oauth: ['read'] }]),
      secured(undefined, [{ oauth: ['read', 'write'] }]),
    );
    expect(ids(changes)).toEqual(['security-scope-added breaking']);
    expect(changes[0].location.pointer).toBe('/security');
  });

  it('treats an empty requirement as anonymous access still allowed', () => {
    expect(diff(secured([{}]), secured([{}, { jwt: [] }]))).toEqual([]);
  });
});

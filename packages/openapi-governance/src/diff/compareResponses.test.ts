import { api, diff, ids } from '../testing/openApiFixtures';

const responses = (r: Record<string, unknown>, version = '1.0.0') =>
  api({
    info: { title: 't', version },
    paths: { '/a': { get: { responses: r } } },
  });
const ok = {
  description: 'ok',
  content: { 'application/json': { schema: { type: 'object' } } },
};

describe('response rules', () => {
  it('reports a removed success status as breaking', () => {
    const changes = diff(
      responses({ '200': ok, '202': ok }),
      responses({ '200': ok }, '2.0.0'),
    );
    expect(ids(changes)).toEqual(['success-response-removed breaking']);
    expect(changes[0].message).toBe('GET /a no longer returns status 202.');
    expect(changes[0].location).toMatchObject({
      document: 'base',
      pointer: '/paths/~1a/get/responses/202',
    });
  });

  it('does not report a success status still covered by a 2XX range', () => {
    expect(
      diff(
        responses({ '200': ok, '202': ok }),
        responses({ '200': ok, '2XX': ok }),
      ),
    ).toEqual([]);
  });

  it('does not report a removed error status as a removed success', () => {
    expect(
      diff(responses({ '200': ok, '404': ok }), responses({ '200': ok })),
    ).toEqual([]);
  });

  it('reports a response media type that is no longer returned', () => {
    const xml = {
      description: 'ok',
      content: { 'application/xml': { schema: { type: 'object' } } },
    };
    expect(
      ids(diff(responses({ '200': ok }), responses({ '200': xml }, '2.0.0'))),
    ).toEqual(['response-media-type-removed breaking']);
  });

  it('compares the schemas across a renamed JSON media type, and still reports the rename', () => {
    // GitHub 2.2.1 -> 10.0.0: vnd.github.luke-cage-preview+json -> json, minimum 1 -> 0.
    const json = (mediaType: string, minimum: number) => ({
      description: 'ok',
      content: {
        [mediaType]: {
          schema: {
            type: 'object',
            properties: { n: { type: 'integer', minimum } },
          },
        },
      },
    });
    const changes = diff(
      responses({
        '200': json('application/vnd.github.luke-cage-preview+json', 1),
      }),
      responses({ '200': json('application/json', 0) }, '2.0.0'),
    );
    expect(ids(changes).sort()).toEqual([
      'response-constraint-loosened breaking',
      'response-media-type-removed breaking',
    ]);
    const byId = (id: string) => changes.find(c => c.id === id)!;
    expect(byId('response-media-type-removed').message).toBe(
      'GET /a no longer returns application/vnd.github.luke-cage-preview+json with status 200 (it now returns application/json).',
    );
    expect(byId('response-constraint-loosened').location.pointer).toBe(
      '/paths/~1a/get/responses/200/content/application~1json/schema/properties/n/minimum',
    );
    // JSON -> XML is no rename of one payload: only the removal.
    expect(
      ids(
        diff(
          responses({ '200': json('application/json', 1) }),
          responses({ '200': json('application/xml', 0) }, '2.0.0'),
        ),
      ),
    ).toEqual(['response-media-type-removed breaking']);
  });

  it('follows $refs to shared responses and points at the shared definition', () => {
    const doc = (props: Record<string, unknown>, version: string) =>
      api({
        info: { title: 't', version },
        paths: {
          '/a': {
            get: {
              responses: { '200': { $ref: '#/components/responses/Thing' } },
            },
          },
        },
        components: {
          responses: {
            Thing: {
              description: 'ok',
              content: {
                'application/json': {
                  schema: { type: 'object', properties: props },
                },
              },
            },
          },
        },
      });
    const changes = diff(
      doc({ a: { type: 'string' }, b: { type: 'string' } }, '1.0.0'),
      doc({ a: { type: 'string' } }, '2.0.0'),
    );
    expect(changes.map(c => c.location.pointer)).toEqual([
      '/components/responses/Thing/content/application~1json/schema/properties/b',
    ]);
  });
});

import { specRoutes } from './problems';

describe('specRoutes', () => {
  it('lists every operation with its parameters filled in', () => {
    const spec = {
      paths: {
        '/v1/health': { get: {} },
        '/v1/things/{kind}/{name}': {
          parameters: [],
          get: {},
          delete: {},
        },
      },
    };
    expect(specRoutes(spec, name => `${name}/x`)).toEqual([
      { method: 'get', path: '/v1/health' },
      { method: 'get', path: '/v1/things/kind%2Fx/name%2Fx' },
      { method: 'delete', path: '/v1/things/kind%2Fx/name%2Fx' },
    ]);
  });
});

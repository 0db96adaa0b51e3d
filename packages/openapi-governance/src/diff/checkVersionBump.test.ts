import { api, diff, ids } from '../testing/openApiFixtures';

const ok = { responses: { '200': { description: 'ok' } } };
const pair = (baseVersion: string, headVersion: string) =>
  diff(
    api({
      info: { title: 't', version: baseVersion },
      paths: { '/a': { get: ok }, '/b': { get: ok } },
    }),
    api({
      info: { title: 't', version: headVersion },
      paths: { '/a': { get: ok } },
    }),
  );

describe('major version rule', () => {
  it('reports a breaking change released as a minor version', () => {
    const changes = pair('1.4.2', '1.5.0');
    expect(ids(changes)).toEqual([
      'breaking-change-without-major-bump breaking',
      'operation-removed breaking',
    ]);
    expect(changes[0]).toMatchObject({
      location: { path: '', pointer: '/info/version', document: 'head' },
      message:
        'The head has 1 breaking change but info.version went from 1.4.2 to 1.5.0; release it as 2.0.0 (a new major version line).',
    });
  });

  it('accepts a breaking change with a new major version', () => {
    expect(ids(pair('1.4.2', '2.0.0'))).toEqual(['operation-removed breaking']);
  });

  it('accepts a breaking change in a 0.x minor release (semver allows it)', () => {
    expect(ids(pair('0.3.1', '0.4.0'))).toEqual(['operation-removed breaking']);
  });

  it('says so when a version is not semver', () => {
    expect(ids(pair('2024-01', '2024-02'))).toEqual([
      'operation-removed breaking',
      'version-not-semver potentially-breaking',
    ]);
  });

  it('does not fire without breaking changes', () => {
    expect(
      diff(
        api({ info: { title: 't', version: '1.0.0' } }),
        api({ info: { title: 't', version: '1.0.1' } }),
      ),
    ).toEqual([]);
  });
});

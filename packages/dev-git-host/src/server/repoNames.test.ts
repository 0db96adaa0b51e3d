import { parseBranchName, parseRepoName } from './repoNames';

describe('parseRepoName', () => {
  it.each(['billing-service', 'a', 'Svc_2.api'])('accepts %s', name => {
    expect(parseRepoName(name)).toBe(name);
  });

  it.each([
    ['..', 'use 1-100 letters'],
    ['a..b', "it contains '..'"],
    ['../etc', 'no slashes'],
    ['a/b', 'no slashes'],
    ['-upload-pack', 'starting with a letter or digit'],
    ['.hidden', 'starting with a letter or digit'],
    ['svc.git', "leave out the '.git' suffix"],
    ['api', 'reserved by the git host'],
    ['x'.repeat(101), 'use 1-100 letters'],
    ['', 'missing'],
  ])('refuses %j (%s)', (name, message) => {
    expect(() => parseRepoName(name)).toThrow(message);
  });
});

describe('parseBranchName', () => {
  it('accepts main and release-1.2', () => {
    expect(parseBranchName('main')).toBe('main');
    expect(parseBranchName('release-1.2')).toBe('release-1.2');
  });

  it.each(['feature/x', '--upload-pack=evil', 'a..b', 'x.lock', ''])(
    'refuses %j',
    name => {
      expect(() => parseBranchName(name)).toThrow('is not allowed');
    },
  );
});

import { ConfigReader } from '@backstage/config';
import { readGitHostConfig } from './config';

describe('readGitHostConfig', () => {
  it('defaults to the development host without a token', () => {
    expect(readGitHostConfig(new ConfigReader({}))).toEqual({
      baseUrl: 'http://127.0.0.1:7010',
      token: undefined,
    });
  });

  it('drops a trailing slash and reads the token', () => {
    expect(
      readGitHostConfig(
        new ConfigReader({
          plinth: { gitHost: { baseUrl: 'http://127.0.0.1:9/', token: 't' } },
        }),
      ),
    ).toEqual({ baseUrl: 'http://127.0.0.1:9', token: 't' });
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() =>
      readGitHostConfig(
        new ConfigReader({ plinth: { gitHost: { baseUrl: 'file:///srv' } } }),
      ),
    ).toThrow(
      "plinth.gitHost.baseUrl must be an http(s) URL, got 'file:///srv'",
    );
  });
});

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localTextPlaceholderResolver } from './localTextPlaceholderResolver';

/*
 * Layout (dir is a fresh temporary directory):
 *   secret.txt                     outside the entity directory
 *   catalog/api.yaml               the entity file
 *   catalog/openapi/users.yaml     a normal relative target
 *   catalog/link.yaml          ->  ../secret.txt         (symlinked file, leads out)
 *   catalog/outside            ->  ..                    (symlinked directory, leads out)
 *   catalog/specs              ->  ./openapi             (symlinked directory, stays inside)
 *   catalog/dangling.yaml      ->  ./nowhere.yaml
 *   catalog/loop.yaml          ->  ./loop.yaml
 */
describe('localTextPlaceholderResolver', () => {
  let dir: string;
  let entityFile: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'plinth-placeholder-'));
    const catalog = path.join(dir, 'catalog');
    await fs.mkdir(path.join(catalog, 'openapi'), { recursive: true });
    entityFile = path.join(catalog, 'api.yaml');
    await fs.writeFile(entityFile, 'kind: API');
    await fs.writeFile(
      path.join(catalog, 'openapi', 'users.yaml'),
      'openapi: 3.0.3',
    );
    await fs.writeFile(path.join(dir, 'secret.txt'), 'do not read');
    await fs.symlink(
      path.join(dir, 'secret.txt'),
      path.join(catalog, 'link.yaml'),
    );
    await fs.symlink(dir, path.join(catalog, 'outside'));
    await fs.symlink('./openapi', path.join(catalog, 'specs'));
    await fs.symlink('./nowhere.yaml', path.join(catalog, 'dangling.yaml'));
    await fs.symlink('./loop.yaml', path.join(catalog, 'loop.yaml'));
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const resolve = (value: unknown, baseUrl = entityFile) =>
    localTextPlaceholderResolver({
      key: 'text',
      value: value as any,
      baseUrl,
      read: async (url: string) => Buffer.from(`read ${url}`),
      resolveUrl: (url: string, base: string) => new URL(url, base).toString(),
      emit: () => {},
    });

  /** The refusal names the entity file and the path as written. */
  const refusal = (value: string, reason: RegExp) =>
    expect.objectContaining({
      name: 'NotAllowedError',
      message: expect.stringMatching(
        new RegExp(
          `^Placeholder \\$text "${value.replace(
            /[.*+?^${}()|[\]\\]/g,
            '\\$&',
          )}" in ${entityFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} ${
            reason.source
          }`,
        ),
      ),
    });

  it('reads a file next to the entity file', async () => {
    await expect(resolve('./openapi/users.yaml')).resolves.toBe(
      'openapi: 3.0.3',
    );
  });

  it('reads through a symlinked directory that stays inside the entity directory', async () => {
    await expect(resolve('./specs/users.yaml')).resolves.toBe('openapi: 3.0.3');
  });

  it('refuses to climb out of the entity directory with ..', async () => {
    await expect(resolve('../secret.txt')).rejects.toEqual(
      refusal('../secret.txt', /may only read files inside/),
    );
  });

  it('refuses absolute paths', async () => {
    const absolute = path.join(dir, 'secret.txt');
    await expect(resolve(absolute)).rejects.toEqual(
      refusal(absolute, /must use a path relative to the entity file/),
    );
  });

  it('refuses a symlinked file that leads out of the entity directory', async () => {
    await expect(resolve('./link.yaml')).rejects.toEqual(
      refusal('./link.yaml', /may only read files inside/),
    );
  });

  it('refuses a symlinked directory that leads out of the entity directory', async () => {
    await expect(resolve('./outside/secret.txt')).rejects.toEqual(
      refusal('./outside/secret.txt', /may only read files inside/),
    );
  });

  it('never shows where a refused symlink leads', async () => {
    const error = await resolve('./outside/secret.txt').catch(e => e);
    expect(error.message).not.toContain(path.join(dir, 'secret.txt'));
  });

  it('refuses a directory', async () => {
    await expect(resolve('./openapi')).rejects.toEqual(
      refusal(
        './openapi',
        /refers to "\.\/openapi", which is not a regular file/,
      ),
    );
  });

  it('names the missing file when it does not exist', async () => {
    await expect(resolve('./openapi/missing.yaml')).rejects.toThrow(
      /"\.\/openapi\/missing\.yaml", which does not exist/,
    );
  });

  it('reports a dangling symlink as a missing file', async () => {
    await expect(resolve('./dangling.yaml')).rejects.toThrow(
      /"\.\/dangling\.yaml", which does not exist/,
    );
  });

  it('reports a symlink loop with the entity file and the path', async () => {
    await expect(resolve('./loop.yaml')).rejects.toThrow(
      `Placeholder $text "./loop.yaml" in ${entityFile}`,
    );
  });

  it('rejects a non-string value with a clear message', async () => {
    await expect(resolve({ path: 'x' })).rejects.toThrow(
      /expects a relative path or an absolute URL/,
    );
  });

  it('keeps URL behaviour for entities from URL locations', async () => {
    await expect(
      resolve('./openapi.yaml', 'https://git.example.com/repo/catalog.yaml'),
    ).resolves.toBe('read https://git.example.com/repo/openapi.yaml');
  });
});

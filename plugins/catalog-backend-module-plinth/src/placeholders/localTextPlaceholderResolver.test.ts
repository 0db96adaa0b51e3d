import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localTextPlaceholderResolver } from './localTextPlaceholderResolver';

describe('localTextPlaceholderResolver', () => {
  let dir: string;
  let entityFile: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'plinth-placeholder-'));
    await fs.mkdir(path.join(dir, 'catalog', 'openapi'), { recursive: true });
    entityFile = path.join(dir, 'catalog', 'api.yaml');
    await fs.writeFile(entityFile, 'kind: API');
    await fs.writeFile(
      path.join(dir, 'catalog', 'openapi', 'users.yaml'),
      'openapi: 3.0.3',
    );
    await fs.writeFile(path.join(dir, 'secret.txt'), 'do not read');
    await fs.symlink(
      path.join(dir, 'secret.txt'),
      path.join(dir, 'catalog', 'link.yaml'),
    );
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

  it('reads a file next to the entity file', async () => {
    await expect(resolve('./openapi/users.yaml')).resolves.toBe(
      'openapi: 3.0.3',
    );
  });

  it('refuses to climb out of the entity directory', async () => {
    await expect(resolve('../secret.txt')).rejects.toThrow(
      /may only read files inside/,
    );
  });

  it('refuses absolute paths', async () => {
    await expect(resolve(path.join(dir, 'secret.txt'))).rejects.toThrow(
      /must use a path relative to the entity file/,
    );
  });

  it('refuses symlinks even when they sit inside the directory', async () => {
    await expect(resolve('./link.yaml')).rejects.toThrow(
      /symlinks are refused/,
    );
  });

  it('names the missing file when it does not exist', async () => {
    await expect(resolve('./openapi/missing.yaml')).rejects.toThrow(
      /"\.\/openapi\/missing\.yaml", which does not exist/,
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

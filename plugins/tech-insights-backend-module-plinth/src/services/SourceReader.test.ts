import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { DefaultSourceReader } from './SourceReader';

describe('DefaultSourceReader', () => {
  let dir: string;
  const urlReader = mockServices.urlReader.mock();
  const reader = new DefaultSourceReader(urlReader);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'source-reader-'));
    await mkdir(join(dir, 'repo/docs'), { recursive: true });
    await writeFile(join(dir, 'repo/mkdocs.yml'), 'site_name: x\n');
    await writeFile(join(dir, 'secret.txt'), 'not yours');
    await symlink(join(dir, 'secret.txt'), join(dir, 'repo/docs/link.md'));
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  const location = () => `file:${dir}/repo/catalog-info.yaml`;

  it('reads a file next to a file location', async () => {
    await expect(reader.readSibling(location(), './mkdocs.yml')).resolves.toBe(
      'site_name: x\n',
    );
  });

  it('answers undefined for a file that does not exist', async () => {
    await expect(
      reader.readSibling(location(), 'mkdocs.yaml'),
    ).resolves.toBeUndefined();
  });

  it('refuses .. and symlinks out of the catalog file directory', async () => {
    await expect(
      reader.readSibling(location(), '../secret.txt'),
    ).rejects.toThrow(/outside/i);
    await expect(
      reader.readSibling(location(), 'docs/link.md'),
    ).rejects.toThrow(/outside/i);
  });

  it('reads url locations through the UrlReader, and only below their directory', async () => {
    urlReader.readUrl.mockResolvedValue({
      buffer: async () => Buffer.from('# Changelog'),
    } as never);
    await expect(
      reader.readSibling(
        'url:https://git.example.com/org/repo/blob/main/templates/a/template.yaml',
        'CHANGELOG.md',
      ),
    ).resolves.toBe('# Changelog');
    expect(urlReader.readUrl).toHaveBeenCalledWith(
      'https://git.example.com/org/repo/blob/main/templates/a/CHANGELOG.md',
    );
    await expect(
      reader.readSibling(
        'url:https://git.example.com/org/repo/blob/main/templates/a/template.yaml',
        '../../../../other/secret',
      ),
    ).rejects.toThrow(/outside the directory/);
  });
});

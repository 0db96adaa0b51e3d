import { promises as fs } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseWorkspacePath, resolvePublishTree } from './resolvePublishTree';

describe('parseWorkspacePath', () => {
  it('treats a leading slash or ./ as the workspace root', () => {
    expect(parseWorkspacePath('/catalog-info.yaml', 'catalogInfoPath')).toEqual(
      ['catalog-info.yaml'],
    );
    expect(parseWorkspacePath('./service/', 'sourcePath')).toEqual(['service']);
    expect(parseWorkspacePath('', 'sourcePath')).toEqual([]);
  });

  it.each(['..', 'a/../b', 'a/..', 'a\\..\\b', 'a\0b'])('refuses %j', path => {
    expect(() => parseWorkspacePath(path, 'sourcePath')).toThrow(
      `sourcePath '${path}' is not allowed`,
    );
  });
});

describe('resolvePublishTree', () => {
  let workspace: string;
  let outside: string;

  beforeEach(async () => {
    workspace = await fs.mkdtemp(join(os.tmpdir(), 'publish-tree-'));
    outside = await fs.mkdtemp(join(os.tmpdir(), 'publish-outside-'));
    await fs.mkdir(join(workspace, 'service/src'), { recursive: true });
    await fs.writeFile(join(workspace, 'service/catalog-info.yaml'), 'x');
    await fs.writeFile(join(workspace, 'service/src/index.ts'), 'x');
    await fs.writeFile(join(outside, 'secret'), 'x');
  });

  afterEach(async () => {
    await fs.rm(workspace, { recursive: true, force: true });
    await fs.rm(outside, { recursive: true, force: true });
  });

  it('resolves the source directory and counts its files', async () => {
    const tree = await resolvePublishTree({
      workspacePath: workspace,
      sourcePath: 'service',
      catalogInfoPath: '/catalog-info.yaml',
      requireCatalogInfo: true,
    });
    expect(tree).toEqual({
      dir: join(await fs.realpath(workspace), 'service'),
      catalogInfoPath: 'catalog-info.yaml',
      fileCount: 2,
    });
  });

  it('refuses a source directory that is a symlink out of the workspace', async () => {
    await fs.symlink(outside, join(workspace, 'linked'));
    await expect(
      resolvePublishTree({
        workspacePath: workspace,
        sourcePath: 'linked',
        catalogInfoPath: '/catalog-info.yaml',
        requireCatalogInfo: false,
      }),
    ).rejects.toThrow(/outside|symbolic link/);
  });

  it('refuses a symlink deep in the tree, naming it', async () => {
    await fs.symlink(
      join(outside, 'secret'),
      join(workspace, 'service/src/leak'),
    );
    await expect(
      resolvePublishTree({
        workspacePath: workspace,
        sourcePath: 'service',
        catalogInfoPath: '/catalog-info.yaml',
        requireCatalogInfo: true,
      }),
    ).rejects.toThrow(
      "The files to publish may not contain symbolic links: 'src/leak' is one",
    );
  });

  it('refuses a symlinked catalog file even when it points inside the workspace', async () => {
    await fs.rm(join(workspace, 'service/catalog-info.yaml'));
    await fs.symlink(
      join(workspace, 'service/src/index.ts'),
      join(workspace, 'service/catalog-info.yaml'),
    );
    await expect(
      resolvePublishTree({
        workspacePath: workspace,
        sourcePath: 'service',
        catalogInfoPath: '/catalog-info.yaml',
        requireCatalogInfo: true,
      }),
    ).rejects.toThrow("'catalog-info.yaml' is one");
  });

  it('refuses a tree that already has a .git directory', async () => {
    await fs.mkdir(join(workspace, 'service/.git'));
    await expect(
      resolvePublishTree({
        workspacePath: workspace,
        sourcePath: 'service',
        catalogInfoPath: '/catalog-info.yaml',
        requireCatalogInfo: true,
      }),
    ).rejects.toThrow('already contain a git repository');
  });

  it('says when the catalog file is missing', async () => {
    await expect(
      resolvePublishTree({
        workspacePath: workspace,
        catalogInfoPath: '/catalog-info.yaml',
        requireCatalogInfo: true,
      }),
    ).rejects.toThrow(
      "catalogInfoPath '/catalog-info.yaml' is not a file in the files to publish",
    );
  });

  it('says when the source directory does not exist', async () => {
    await expect(
      resolvePublishTree({
        workspacePath: workspace,
        sourcePath: 'nope',
        catalogInfoPath: '/catalog-info.yaml',
        requireCatalogInfo: false,
      }),
    ).rejects.toThrow("sourcePath 'nope' does not exist in the workspace");
  });
});

import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { join, sep } from 'node:path';
import { promisify } from 'node:util';
import { DevGitHostError } from './errors';
import { parseBranchName, parseRepoName } from './repoNames';

const execFileAsync = promisify(execFile);

/** Files larger than this are not shown in the browser view (raw serves up to the same). */
export const MAX_BLOB_BYTES = 5 * 1024 * 1024;

/** One bare repository under the root. */
export interface RepositoryInfo {
  name: string;
  description: string;
  defaultBranch: string;
}

/** One entry of a directory listing at a branch. */
export interface TreeEntry {
  name: string;
  type: 'blob' | 'tree' | 'commit';
  /** Symlinks are listed, never followed: the host serves repository contents only. */
  symlink: boolean;
}

// Git's own default text: a repository created without a description has it.
const GIT_DEFAULT_DESCRIPTION =
  'Unnamed repository; edit this file to name it for gitweb.';

/**
 * Splits a path inside a repository into segments, refusing `.` and `..` (a blob path is
 * looked up in git's object database, never on disk, but the URL must still say what it
 * means).
 */
export function parseRepoPath(path: string): string[] {
  const segments = path.split('/').filter(s => s.length > 0);
  for (const segment of segments) {
    if (segment === '.' || segment === '..' || segment.includes('\0')) {
      throw new DevGitHostError(
        `The path '${path}' is not allowed: it contains '${segment}'`,
      );
    }
  }
  return segments;
}

/**
 * The bare repositories under one root directory, and the read-only git commands the
 * browser view needs. Every repository path is resolved with real paths inside the root,
 * so a symlink planted under the root cannot make the host serve another directory.
 */
export class RepositoryStore {
  private constructor(readonly root: string) {}

  /** Creates the root if needed; `root` is resolved to its real path once. */
  static async open(root: string): Promise<RepositoryStore> {
    await fs.mkdir(root, { recursive: true });
    return new RepositoryStore(await fs.realpath(root));
  }

  /** The directory of repository `name` (whether or not it exists). */
  directoryOf(name: string): string {
    return join(this.root, `${parseRepoName(name)}.git`);
  }

  /** The real directory of an existing repository; NotFound (404) otherwise. */
  async existingDirectory(name: string): Promise<string> {
    const dir = this.directoryOf(name);
    let real: string;
    try {
      const stat = await fs.lstat(dir);
      if (!stat.isDirectory()) {
        throw new DevGitHostError(`No repository '${name}' on this host`, 404);
      }
      real = await fs.realpath(dir);
    } catch (error) {
      if (error instanceof DevGitHostError) throw error;
      throw new DevGitHostError(`No repository '${name}' on this host`, 404);
    }
    if (!real.startsWith(this.root + sep)) {
      throw new DevGitHostError(`No repository '${name}' on this host`, 404);
    }
    return real;
  }

  async exists(name: string): Promise<boolean> {
    try {
      await this.existingDirectory(name);
      return true;
    } catch (error) {
      if (error instanceof DevGitHostError && error.status === 404) {
        return false;
      }
      throw error;
    }
  }

  async list(): Promise<RepositoryInfo[]> {
    const entries = await fs.readdir(this.root, { withFileTypes: true });
    const names = entries
      .filter(e => e.isDirectory() && e.name.endsWith('.git'))
      .map(e => e.name.slice(0, -'.git'.length))
      .filter(name => {
        try {
          parseRepoName(name);
          return true;
        } catch {
          return false;
        }
      })
      .sort((a, b) => a.localeCompare(b));
    return Promise.all(names.map(name => this.info(name)));
  }

  async info(name: string): Promise<RepositoryInfo> {
    const dir = await this.existingDirectory(name);
    const description = await fs
      .readFile(join(dir, 'description'), 'utf8')
      .then(text => text.trim())
      .catch(() => '');
    const head = await fs
      .readFile(join(dir, 'HEAD'), 'utf8')
      .catch(() => 'ref: refs/heads/main');
    const match = /^ref: refs\/heads\/(.+)$/m.exec(head);
    return {
      name,
      description: description === GIT_DEFAULT_DESCRIPTION ? '' : description,
      defaultBranch: match?.[1].trim() ?? 'main',
    };
  }

  /** Creates an empty bare repository; 409 when one with that name exists. */
  async create(options: {
    name: string;
    description?: string;
    defaultBranch?: string;
  }): Promise<RepositoryInfo> {
    const dir = this.directoryOf(options.name);
    const branch = parseBranchName(options.defaultBranch ?? 'main');
    try {
      // Not recursive: fails when the directory exists, so two creates cannot both win.
      await fs.mkdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new DevGitHostError(
          `Repository '${options.name}' already exists`,
          409,
        );
      }
      throw error;
    }
    try {
      await execFileAsync('git', [
        'init',
        '--bare',
        '--quiet',
        `--initial-branch=${branch}`,
        dir,
      ]);
      await fs.writeFile(
        join(dir, 'description'),
        `${(options.description ?? '').replace(/[\r\n]+/g, ' ').trim()}\n`,
      );
    } catch (error) {
      await fs.rm(dir, { recursive: true, force: true });
      throw error;
    }
    return this.info(options.name);
  }

  /** Deletes a repository and everything in it; 404 when there is none. */
  async delete(name: string): Promise<void> {
    const dir = await this.existingDirectory(name);
    await fs.rm(dir, { recursive: true, force: true });
  }

  /** The entries of directory `path` at `branch`; 404 when the branch or path is unknown. */
  async listTree(
    name: string,
    branch: string,
    path: string[],
  ): Promise<TreeEntry[]> {
    const dir = await this.existingDirectory(name);
    const treeish = `${parseBranchName(branch)}:${path.join('/')}`;
    const type = await this.objectType(dir, treeish);
    if (type !== 'tree') {
      throw new DevGitHostError(
        `No directory '${path.join('/') || '/'}' at '${branch}' in '${name}'`,
        404,
      );
    }
    const { stdout } = await this.git(dir, ['ls-tree', '-z', treeish]);
    return stdout
      .split('\0')
      .filter(line => line.length > 0)
      .map(line => {
        const tab = line.indexOf('\t');
        const [mode, objectType] = line.slice(0, tab).split(' ');
        return {
          name: line.slice(tab + 1),
          type: objectType as TreeEntry['type'],
          symlink: mode === '120000',
        };
      })
      .sort(
        (a, b) =>
          Number(b.type === 'tree') - Number(a.type === 'tree') ||
          a.name.localeCompare(b.name),
      );
  }

  /** What `path` is at `branch`: a file, a directory, or nothing. */
  async pathType(
    name: string,
    branch: string,
    path: string[],
  ): Promise<'blob' | 'tree' | undefined> {
    const dir = await this.existingDirectory(name);
    const type = await this.objectType(
      dir,
      `${parseBranchName(branch)}:${path.join('/')}`,
    );
    return type === 'blob' || type === 'tree' ? type : undefined;
  }

  /** The content of file `path` at `branch`; 404 when it is not a file there. */
  async readBlob(name: string, branch: string, path: string[]) {
    const dir = await this.existingDirectory(name);
    const spec = `${parseBranchName(branch)}:${path.join('/')}`;
    if ((await this.objectType(dir, spec)) !== 'blob') {
      throw new DevGitHostError(
        `No file '${path.join('/')}' at '${branch}' in '${name}'`,
        404,
      );
    }
    const { stdout: size } = await this.git(dir, ['cat-file', '-s', spec]);
    if (Number(size.trim()) > MAX_BLOB_BYTES) {
      throw new DevGitHostError(
        `The file '${path.join(
          '/',
        )}' is larger than ${MAX_BLOB_BYTES} bytes; clone the repository to read it`,
        413,
      );
    }
    const { stdout } = await execFileAsync(
      'git',
      ['--git-dir', dir, 'cat-file', 'blob', spec],
      { encoding: 'buffer', maxBuffer: MAX_BLOB_BYTES + 1024, env: gitEnv() },
    );
    return stdout as Buffer;
  }

  private async objectType(
    dir: string,
    spec: string,
  ): Promise<string | undefined> {
    try {
      const { stdout } = await this.git(dir, ['cat-file', '-t', spec]);
      return stdout.trim();
    } catch {
      return undefined;
    }
  }

  private git(dir: string, args: string[]) {
    return execFileAsync('git', ['--git-dir', dir, ...args], {
      maxBuffer: 16 * 1024 * 1024,
      env: gitEnv(),
    });
  }
}

/** No system or global git config and no prompts: the host's answers depend only on the repository. */
export function gitEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    LANG: 'C',
  };
}

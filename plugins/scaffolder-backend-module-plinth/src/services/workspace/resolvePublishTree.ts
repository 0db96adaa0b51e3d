import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { promises as fs } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** More files than a new service's skeleton should ever have; stops a runaway walk. */
export const MAX_PUBLISHED_FILES = 20_000;

/** The directory to publish, checked. */
export interface PublishTree {
  /** Real path of the directory that becomes the repository root. */
  dir: string;
  /** The catalog file, relative to `dir`, `/`-separated, no leading slash. */
  catalogInfoPath: string;
  /** Regular files in the tree. */
  fileCount: number;
}

/**
 * Splits a user-given relative path into segments, refusing `..` (even one that would stay
 * inside the workspace: a template should say where its files are, not climb), NUL bytes and
 * backslashes. A leading `/` or `./` means "from the workspace root".
 */
export function parseWorkspacePath(path: string, field: string): string[] {
  if (path.includes('\0') || path.includes('\\')) {
    throw new InputError(
      `${field} '${path}' is not allowed: it contains a NUL byte or a backslash`,
    );
  }
  const segments = path.split('/').filter(s => s.length > 0 && s !== '.');
  if (segments.includes('..')) {
    throw new InputError(`${field} '${path}' is not allowed: it contains '..'`);
  }
  return segments;
}

/**
 * Resolves `sourcePath` inside the workspace with real paths and checks everything that
 * would be pushed: no symbolic link anywhere (on the way to the directory or in it), no
 * `.git` directory, and the catalog file present as a regular file. Throws an InputError
 * naming the offending path, before anything is created on the git host.
 */
export async function resolvePublishTree(options: {
  workspacePath: string;
  sourcePath?: string;
  catalogInfoPath: string;
  /** When false, the catalog file need not exist (nothing will be registered). */
  requireCatalogInfo: boolean;
}): Promise<PublishTree> {
  const workspace = await fs.realpath(options.workspacePath);
  const sourceSegments = parseWorkspacePath(
    options.sourcePath ?? '',
    'sourcePath',
  );
  // Each step on the way must be a real directory, not a link that points elsewhere.
  let dir = workspace;
  for (const segment of sourceSegments) {
    dir = resolveSafeChildPath(dir, segment);
    const stat = await fs.lstat(dir).catch(() => undefined);
    const shown = relative(workspace, dir).split(sep).join('/');
    if (!stat) {
      throw new InputError(
        `sourcePath '${options.sourcePath}' does not exist in the workspace (missing '${shown}')`,
      );
    }
    if (stat.isSymbolicLink()) {
      throw new InputError(
        `sourcePath '${options.sourcePath}' is not allowed: '${shown}' is a symbolic link`,
      );
    }
    if (!stat.isDirectory()) {
      throw new InputError(
        `sourcePath '${options.sourcePath}' is not a directory ('${shown}')`,
      );
    }
  }
  // resolveSafeChildPath already compared real paths; this states the invariant once more.
  const real = await fs.realpath(dir);
  if (real !== workspace && !real.startsWith(workspace + sep)) {
    throw new InputError(
      `sourcePath '${options.sourcePath}' resolves outside the workspace`,
    );
  }

  const files = new Set<string>();
  async function walk(current: string) {
    for (const entry of await fs.readdir(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      const rel = relative(real, full).split(sep).join('/');
      if (entry.isSymbolicLink()) {
        throw new InputError(
          `The files to publish may not contain symbolic links: '${rel}' is one (a link could publish files from outside the workspace)`,
        );
      }
      if (entry.isDirectory()) {
        if (entry.name === '.git') {
          throw new InputError(
            `The files to publish already contain a git repository ('${rel}'); the action creates the repository itself`,
          );
        }
        await walk(full);
      } else if (entry.isFile()) {
        files.add(rel);
        if (files.size > MAX_PUBLISHED_FILES) {
          throw new InputError(
            `More than ${MAX_PUBLISHED_FILES} files to publish; check sourcePath`,
          );
        }
      } else {
        throw new InputError(
          `The files to publish may contain only regular files and directories: '${rel}' is neither`,
        );
      }
    }
  }
  await walk(real);

  const catalogInfoPath = parseWorkspacePath(
    options.catalogInfoPath,
    'catalogInfoPath',
  ).join('/');
  if (options.requireCatalogInfo && !files.has(catalogInfoPath)) {
    throw new InputError(
      `catalogInfoPath '${options.catalogInfoPath}' is not a file in the files to publish; the catalog could not register the new service`,
    );
  }
  return { dir: real, catalogInfoPath, fileCount: files.size };
}

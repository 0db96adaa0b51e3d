import { promises as fs } from 'node:fs';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import {
  InputError,
  isError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type {
  PlaceholderResolver,
  PlaceholderResolverParams,
} from '@backstage/plugin-catalog-node';

/**
 * Resolves `$text: ./relative/file` for entities that come from a `file` location.
 *
 * The catalog's built-in `$text` resolver only understands URLs, so a catalog file on
 * disk cannot pull in an OpenAPI document that sits next to it. This resolver reads
 * such files directly, but only files whose real path (symlinks followed) is inside the
 * real directory of the entity file: catalog YAML is untrusted input and must not be able
 * to read arbitrary files from the backend host, neither with `..` or an absolute path
 * nor through a symlinked file or directory. URL locations keep the built-in behaviour.
 */
export const localTextPlaceholderResolver: PlaceholderResolver = async (
  params: PlaceholderResolverParams,
) => {
  const { key, value, baseUrl } = params;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(
      `Placeholder $${key} in ${baseUrl} expects a relative path or an absolute URL, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  if (!isLocalPath(baseUrl)) {
    const url = params.resolveUrl(value, baseUrl);
    return (await params.read(url)).toString('utf-8');
  }
  const file = await resolveInsideEntityDirectory(key, value, baseUrl);
  return fs.readFile(file, 'utf-8');
};

function isLocalPath(target: string): boolean {
  return path.isAbsolute(target) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(target);
}

/**
 * The real path of the file `value` names, relative to `entityFile`, if it is a regular
 * file inside the entity file's directory once every symlink is followed. Errors name the
 * entity file and the path as written, never where a symlink leads.
 */
export async function resolveInsideEntityDirectory(
  key: string,
  value: string,
  entityFile: string,
): Promise<string> {
  const placeholder = `Placeholder $${key} "${value}" in ${entityFile}`;
  if (path.isAbsolute(value) || /^[a-z][a-z0-9+.-]*:/i.test(value)) {
    throw new NotAllowedError(
      `${placeholder} must use a path relative to the entity file`,
    );
  }
  const root = path.dirname(entityFile);
  const outside = () =>
    new NotAllowedError(
      `${placeholder} may only read files inside ${root} (symlinks are followed: one that leads out of it is refused)`,
    );
  // resolveSafeChildPath compares the real paths of both, so `..` and symlinked files
  // or directories that lead out are refused before anything is read.
  let target: string;
  try {
    target = resolveSafeChildPath(root, value);
  } catch (error) {
    if (isError(error) && error.name === 'NotAllowedError') throw outside();
    // e.g. a symlink loop (ELOOP)
    throw new InputError(`${placeholder} cannot be resolved`, error);
  }
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([
      fs.realpath(target),
      fs.realpath(root),
    ]);
  } catch {
    throw new NotFoundError(
      `${placeholder} refers to "${value}", which does not exist (looked for ${target})`,
    );
  }
  // Checked again on the real path that is then read: the check above resolves a path
  // that does not exist yet differently, and this is the file we actually open.
  const relative = path.relative(realRoot, real);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw outside();
  }
  if (!(await fs.stat(real)).isFile()) {
    throw new NotAllowedError(
      `${placeholder} refers to "${value}", which is not a regular file`,
    );
  }
  return real;
}

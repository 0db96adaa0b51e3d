import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type {
  PlaceholderResolver,
  PlaceholderResolverParams,
} from '@backstage/plugin-catalog-node';

/**
 * Resolves `$text: ./relative/file` for entities that come from a `file` location.
 *
 * The catalog's built-in `$text` resolver only understands URLs, so a catalog file on
 * disk cannot pull in an OpenAPI document that sits next to it. This resolver reads
 * such files directly, but only inside the directory of the entity file (no `..`,
 * no absolute paths, no symlinks): catalog YAML is untrusted input and must not be
 * able to read arbitrary files from the backend host. URL locations keep the
 * built-in behaviour.
 */
export const localTextPlaceholderResolver: PlaceholderResolver = async (
  params: PlaceholderResolverParams,
) => {
  const { key, value, baseUrl } = params;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(
      `Placeholder $${key} expects a relative path or an absolute URL, got ${JSON.stringify(
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

export async function resolveInsideEntityDirectory(
  key: string,
  value: string,
  entityFile: string,
): Promise<string> {
  if (path.isAbsolute(value) || /^[a-z][a-z0-9+.-]*:/i.test(value)) {
    throw new NotAllowedError(
      `Placeholder $${key} in ${entityFile} must use a path relative to the entity file, got "${value}"`,
    );
  }
  const root = path.dirname(entityFile);
  const resolved = path.resolve(root, value);
  const relative = path.relative(root, resolved);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new NotAllowedError(
      `Placeholder $${key} in ${entityFile} may only read files inside ${root}, got "${value}"`,
    );
  }
  let stat;
  try {
    stat = await fs.lstat(resolved);
  } catch {
    throw new NotFoundError(
      `Placeholder $${key} in ${entityFile} refers to "${value}", which does not exist (looked for ${resolved})`,
    );
  }
  if (stat.isSymbolicLink() || !stat.isFile()) {
    throw new NotAllowedError(
      `Placeholder $${key} in ${entityFile} refers to "${value}", which is not a regular file (symlinks are refused)`,
    );
  }
  return resolved;
}

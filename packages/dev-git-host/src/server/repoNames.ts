import { DevGitHostError } from './errors';

/**
 * A repository name: what a template's user types, and a directory name under the root.
 * Letters, digits, '.', '_' and '-', starting with a letter or digit: no slashes, no `..`,
 * nothing git would read as an option, and not a name the host's own routes use.
 */
export const REPO_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Branch names in URLs: one path segment, so `/<repo>/raw/<branch>/<path>` is unambiguous. */
export const BRANCH_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** First path segments the host serves itself. */
export const RESERVED_REPO_NAMES: ReadonlySet<string> = new Set([
  'api',
  'health',
]);

/**
 * Checks a repository name (without `.git`) and returns it, or throws a
 * {@link DevGitHostError} that says what is wrong with it.
 */
export function parseRepoName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0) {
    throw new DevGitHostError('The repository name is missing');
  }
  if (!REPO_NAME_PATTERN.test(name)) {
    throw new DevGitHostError(
      `The repository name '${name}' is not allowed: use 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit (no slashes)`,
    );
  }
  if (name.includes('..')) {
    throw new DevGitHostError(
      `The repository name '${name}' is not allowed: it contains '..'`,
    );
  }
  if (name.toLowerCase().endsWith('.git')) {
    throw new DevGitHostError(
      `The repository name '${name}' is not allowed: leave out the '.git' suffix`,
    );
  }
  if (RESERVED_REPO_NAMES.has(name.toLowerCase())) {
    throw new DevGitHostError(
      `The repository name '${name}' is reserved by the git host`,
    );
  }
  return name;
}

/** Checks a branch name used in a URL or when creating a repository. */
export function parseBranchName(name: unknown): string {
  if (
    typeof name !== 'string' ||
    !BRANCH_NAME_PATTERN.test(name) ||
    name.includes('..') ||
    name.endsWith('.lock')
  ) {
    throw new DevGitHostError(
      `The branch name '${String(
        name,
      )}' is not allowed: use letters, digits, '.', '_' or '-', starting with a letter or digit`,
    );
  }
  return name;
}

/**
 * A local git host for development and tests: bare repositories under one directory,
 * cloned and pushed over HTTP on loopback through `git http-backend`, with a browsable
 * view and an admin API. Not for production.
 *
 * @packageDocumentation
 */
export { startDevGitHost } from './server/startDevGitHost';
export type {
  DevGitHost,
  DevGitHostOptions,
  DevGitHostRepository,
} from './server/startDevGitHost';
export { DevGitHostError } from './server/errors';
export {
  parseRepoName,
  parseBranchName,
  REPO_NAME_PATTERN,
  RESERVED_REPO_NAMES,
} from './server/repoNames';

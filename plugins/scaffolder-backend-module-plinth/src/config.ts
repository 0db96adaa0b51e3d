import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** `plinth.gitHost` as the publish action uses it. */
export interface GitHostConfig {
  /** Without a trailing slash, e.g. http://127.0.0.1:7010 */
  baseUrl: string;
  /** Undefined when not configured: dry-runs still work, real runs say what to set. */
  token?: string;
}

export const DEFAULT_GIT_HOST_URL = 'http://127.0.0.1:7010';

export function readGitHostConfig(config: Config): GitHostConfig {
  const section = config.getOptionalConfig('plinth.gitHost');
  const baseUrl = (
    section?.getOptionalString('baseUrl') ?? DEFAULT_GIT_HOST_URL
  ).replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new InputError(
      `plinth.gitHost.baseUrl must be an http(s) URL, got '${baseUrl}'`,
    );
  }
  if (!['http:', 'https:'].includes(parsed.protocol)) {
    throw new InputError(
      `plinth.gitHost.baseUrl must be an http(s) URL, got '${baseUrl}'`,
    );
  }
  const token = section?.getOptionalString('token') || undefined;
  return { baseUrl, token };
}

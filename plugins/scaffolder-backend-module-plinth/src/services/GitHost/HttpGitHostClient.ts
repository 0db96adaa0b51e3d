import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type { GitHostConfig } from '../../config';
import type { GitHostClient, GitHostRepositoryUrls } from './types';

const REQUEST_TIMEOUT_MS = 15_000;

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** The admin API of packages/dev-git-host (`/api/repos`), over HTTP. */
export class HttpGitHostClient implements GitHostClient {
  readonly baseUrl: string;
  readonly #token: string | undefined;

  constructor(config: GitHostConfig) {
    this.baseUrl = config.baseUrl;
    this.#token = config.token;
  }

  urlsFor(options: {
    repoName: string;
    defaultBranch: string;
    catalogInfoPath: string;
  }): GitHostRepositoryUrls {
    const repo = `${this.baseUrl}/${encodeURIComponent(options.repoName)}`;
    const branch = encodeURIComponent(options.defaultBranch);
    return {
      remoteUrl: repo,
      cloneUrl: `${repo}.git`,
      repoContentsUrl: `${repo}/tree/${branch}`,
      catalogInfoUrl: `${repo}/raw/${branch}/${encodePath(
        options.catalogInfoPath,
      )}`,
    };
  }

  async createRepository(options: {
    repoName: string;
    description?: string;
    defaultBranch: string;
  }): Promise<void> {
    const response = await this.#request('POST', '/api/repos', {
      name: options.repoName,
      description: options.description,
      defaultBranch: options.defaultBranch,
    });
    if (response.status === 409) {
      throw new ConflictError(
        `Repository ${options.repoName} already exists on the git host at ${this.baseUrl}/${options.repoName}; pick another name or delete it`,
      );
    }
    await this.#expectOk(response, `create repository ${options.repoName}`);
  }

  async deleteRepository(repoName: string): Promise<void> {
    const response = await this.#request(
      'DELETE',
      `/api/repos/${encodeURIComponent(repoName)}`,
    );
    if (response.status === 404) {
      throw new NotFoundError(
        `There is no repository ${repoName} on the git host at ${this.baseUrl}`,
      );
    }
    await this.#expectOk(response, `delete repository ${repoName}`);
  }

  pushAuth() {
    return { username: 'plinth', password: this.#requireToken() };
  }

  #requireToken(): string {
    if (!this.#token) {
      throw new InputError(
        'plinth.gitHost.token is not set: the git host needs it to create repositories and accept pushes (app-config.yaml sets the development token)',
      );
    }
    return this.#token;
  }

  async #request(method: string, path: string, body?: unknown) {
    const token = this.#requireToken();
    try {
      return await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      const reason = cause?.code ?? (error as Error).name ?? String(error);
      throw new ServiceUnavailableError(
        `The git host at ${this.baseUrl} is not reachable (${reason}); start it with infra/githost/githost.sh up (make start starts it)`,
      );
    }
  }

  async #expectOk(response: Response, what: string) {
    if (response.ok) return;
    const text = await response.text().catch(() => '');
    let message = text;
    try {
      message = JSON.parse(text).error ?? text;
    } catch {
      // not JSON: the text itself
    }
    if (response.status === 401) {
      throw new ServiceUnavailableError(
        `The git host at ${this.baseUrl} refused the configured token (plinth.gitHost.token) to ${what}`,
      );
    }
    if (response.status === 400) {
      throw new InputError(`The git host refused to ${what}: ${message}`);
    }
    throw new ServiceUnavailableError(
      `The git host at ${this.baseUrl} failed to ${what}: HTTP ${response.status} ${message}`,
    );
  }
}

/** The URLs of a repository on the git host; computable without asking it (dry-run). */
export interface GitHostRepositoryUrls {
  /** The repository's page (clone URL and files), what a person opens. */
  remoteUrl: string;
  /** For `git clone`. */
  cloneUrl: string;
  /** The file list at the default branch. */
  repoContentsUrl: string;
  /** The raw catalog file, what the catalog reads. */
  catalogInfoUrl: string;
}

/**
 * The one port in front of the git host. {@link HttpGitHostClient} talks to
 * packages/dev-git-host; tests above the action use the real host too.
 */
export interface GitHostClient {
  readonly baseUrl: string;
  urlsFor(options: {
    repoName: string;
    defaultBranch: string;
    /** Relative to the repository root, without a leading slash. */
    catalogInfoPath: string;
  }): GitHostRepositoryUrls;
  /** ConflictError when the repository exists; ServiceUnavailableError when the host is down. */
  createRepository(options: {
    repoName: string;
    description?: string;
    defaultBranch: string;
  }): Promise<void>;
  /** NotFoundError when there is no such repository. */
  deleteRepository(repoName: string): Promise<void>;
  /** The token for pushes, as HTTP basic credentials for isomorphic-git. */
  pushAuth(): { username: string; password: string };
}

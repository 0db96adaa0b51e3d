export interface Config {
  plinth?: {
    /**
     * The local git host the `plinth:publish:git-host` scaffolder action publishes to
     * (packages/dev-git-host, started by `make start`).
     */
    gitHost?: {
      /**
       * Where the git host answers, e.g. http://127.0.0.1:7010. Clone, browse and raw URLs
       * are built from it; the catalog reads catalog-info.yaml from it, so its host must be
       * in backend.reading.allow. Default http://127.0.0.1:7010.
       */
      baseUrl?: string;
      /**
       * The git host's token: pushes and creating or deleting repositories need it. Only
       * needed for real runs (a dry-run never touches the host).
       * @visibility secret
       */
      token?: string;
    };
  };
}

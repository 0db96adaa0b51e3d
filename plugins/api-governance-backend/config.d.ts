export interface Config {
  /** Plinth API governance: version lines, lint, diffs, policy violations, consumer impact. */
  apiGovernance?: {
    policy?: {
      /**
       * Least number of days between `plinth.dev/deprecated-at` and `plinth.dev/sunset-at`
       * for lines that were in production.
       * @default 180
       */
      minDeprecationDays?: number;
    };
    /** Bounds that keep a hostile or huge definition from hurting the backend. */
    limits?: {
      /**
       * Largest definition that is checked, in bytes; larger ones are reported as TOO_LARGE.
       * @default 33554432
       */
      maxSpecBytes?: number;
      /**
       * Longest one lint or diff may run, in milliseconds; its worker is then terminated
       * and the definition reported as TIMEOUT.
       * @default 10000
       */
      diffTimeoutMs?: number;
      /**
       * Heap limit of the analysis worker thread in MB; exceeding it is reported as
       * OUT_OF_MEMORY.
       * @default 512
       */
      maxWorkerMemoryMb?: number;
      /**
       * Definitions waiting to be checked beyond this many are refused (503).
       * @default 100
       */
      maxQueuedJobs?: number;
    };
    cache?: {
      /**
       * Lint and diff results kept (least recently used dropped first).
       * @default 500
       */
      maxEntries?: number;
    };
  };
}

export interface Config {
  /** Plinth ownership and escalation matrix (the backend reads the same keys). */
  ownership?: {
    /**
     * How often the backend rebuilds its snapshot of the catalog, in seconds. The page
     * reads it to say how fresh the data is.
     * @default 30
     * @visibility frontend
     */
    refreshIntervalSeconds?: number;
  };
}

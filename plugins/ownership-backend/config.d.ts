export interface Config {
  /** Plinth ownership and escalation matrix. */
  ownership?: {
    /**
     * How often the in-memory snapshot of the catalog is rebuilt, in seconds. Visible to
     * the frontend, whose cards say how fresh the snapshot is.
     * @default 30
     * @visibility frontend
     */
    refreshIntervalSeconds?: number;
    /**
     * Longest acceptable first response of a tier-1 service's first escalation tier, in minutes.
     * @default 15
     */
    tier1MaxFirstResponseMinutes?: number;
    /**
     * A group owning more tier-1 components than this is reported as overloaded.
     * @default 5
     */
    maxTier1ServicesPerGroup?: number;
  };
}

export interface Config {
  /**
   * Tech Insights (community backend). Plinth's retrievers are scheduled only when listed
   * under factRetrievers; checks over an unlisted retriever are left out at start-up.
   */
  techInsights?: {
    factRetrievers?: {
      [retrieverId: string]: {
        /** Cron expression, e.g. "*\/10 * * * *". */
        cadence: string;
        /** Keep facts for this long ({ timeToLive: { days: 90 } }) or this many rows ({ maxItems: 30 }). */
        lifecycle?:
          | { maxItems: number }
          | { timeToLive: string | { days?: number; hours?: number } };
        timeout?: string | { minutes?: number; seconds?: number };
        initialDelay?: string | { minutes?: number; seconds?: number };
      };
    };
  };
}

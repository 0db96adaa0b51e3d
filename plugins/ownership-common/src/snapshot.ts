/**
 * How often the backend rebuilds its snapshot of the catalog when
 * `ownership.refreshIntervalSeconds` is not set. The backend and the page share it, so the
 * page can say how fresh the data is.
 */
export const DEFAULT_SNAPSHOT_REFRESH_SECONDS = 30;

/** The config key of the refresh interval (declared in both plugins' config.d.ts). */
export const SNAPSHOT_REFRESH_CONFIG_KEY = 'ownership.refreshIntervalSeconds';

/** "every 30 seconds", "every minute", "every 5 minutes": for sentences about freshness. */
export function describeRefreshInterval(seconds: number): string {
  if (seconds < 60 || seconds % 60 !== 0) {
    return seconds === 1 ? 'every second' : `every ${seconds} seconds`;
  }
  const minutes = seconds / 60;
  return minutes === 1 ? 'every minute' : `every ${minutes} minutes`;
}

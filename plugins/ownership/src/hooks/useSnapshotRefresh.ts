import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import {
  DEFAULT_SNAPSHOT_REFRESH_SECONDS,
  describeRefreshInterval,
  SNAPSHOT_REFRESH_CONFIG_KEY,
} from '@plinth/plugin-ownership-common';

/**
 * How often the backend rebuilds the ownership snapshot, as words ("every 30 seconds"):
 * the same config key and default the backend reads (declared with frontend visibility
 * in config.d.ts), so the cards never promise a different schedule than the one that runs.
 */
export function useSnapshotRefresh(): string {
  const config = useApi(configApiRef);
  return describeRefreshInterval(
    config.getOptionalNumber(SNAPSHOT_REFRESH_CONFIG_KEY) ??
      DEFAULT_SNAPSHOT_REFRESH_SECONDS,
  );
}

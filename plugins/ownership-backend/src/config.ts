import type { RootConfigService } from '@backstage/backend-plugin-api';
import { DEFAULT_SNAPSHOT_REFRESH_SECONDS } from '@plinth/plugin-ownership-common';

/** The plugin's settings, with code defaults (see config.d.ts). */
export type OwnershipConfig = {
  refreshIntervalSeconds: number;
  tier1MaxFirstResponseMinutes: number;
  maxTier1ServicesPerGroup: number;
};

export const DEFAULT_OWNERSHIP_CONFIG: OwnershipConfig = {
  // Shared with the page, which tells users how fresh the snapshot is.
  refreshIntervalSeconds: DEFAULT_SNAPSHOT_REFRESH_SECONDS,
  tier1MaxFirstResponseMinutes: 15,
  maxTier1ServicesPerGroup: 5,
};

export function readOwnershipConfig(
  config: RootConfigService,
): OwnershipConfig {
  const ownership = config.getOptionalConfig('ownership');
  return {
    refreshIntervalSeconds:
      ownership?.getOptionalNumber('refreshIntervalSeconds') ??
      DEFAULT_OWNERSHIP_CONFIG.refreshIntervalSeconds,
    tier1MaxFirstResponseMinutes:
      ownership?.getOptionalNumber('tier1MaxFirstResponseMinutes') ??
      DEFAULT_OWNERSHIP_CONFIG.tier1MaxFirstResponseMinutes,
    maxTier1ServicesPerGroup:
      ownership?.getOptionalNumber('maxTier1ServicesPerGroup') ??
      DEFAULT_OWNERSHIP_CONFIG.maxTier1ServicesPerGroup,
  };
}

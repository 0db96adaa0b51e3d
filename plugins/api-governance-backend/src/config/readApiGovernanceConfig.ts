import type { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';

/** The plugin's settings, read once at start-up (keys declared in config.d.ts). */
export type ApiGovernanceConfig = {
  minDeprecationDays: number;
  limits: {
    maxSpecBytes: number;
    diffTimeoutMs: number;
    maxWorkerMemoryMb: number;
    maxQueuedJobs: number;
  };
  cacheMaxEntries: number;
};

export const API_GOVERNANCE_DEFAULTS: ApiGovernanceConfig = {
  minDeprecationDays: 180,
  limits: {
    maxSpecBytes: 32 * 1024 * 1024,
    diffTimeoutMs: 10_000,
    maxWorkerMemoryMb: 512,
    maxQueuedJobs: 100,
  },
  cacheMaxEntries: 500,
};

function integer(
  config: RootConfigService,
  key: string,
  fallback: number,
  bounds: { min: number; max: number },
): number {
  const path = `apiGovernance.${key}`;
  if (!config.has(path)) return fallback;
  const value = config.get(path);
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < bounds.min ||
    value > bounds.max
  ) {
    throw new InputError(
      `Invalid config ${path}: expected a whole number from ${bounds.min} to ${
        bounds.max
      }, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** Reads `apiGovernance`; every key is optional, a wrong value stops the start with its path. */
export function readApiGovernanceConfig(
  config: RootConfigService,
): ApiGovernanceConfig {
  const d = API_GOVERNANCE_DEFAULTS;
  return {
    minDeprecationDays: integer(
      config,
      'policy.minDeprecationDays',
      d.minDeprecationDays,
      { min: 0, max: 3650 },
    ),
    limits: {
      maxSpecBytes: integer(
        config,
        'limits.maxSpecBytes',
        d.limits.maxSpecBytes,
        {
          min: 1024,
          max: 256 * 1024 * 1024,
        },
      ),
      diffTimeoutMs: integer(
        config,
        'limits.diffTimeoutMs',
        d.limits.diffTimeoutMs,
        { min: 100, max: 600_000 },
      ),
      maxWorkerMemoryMb: integer(
        config,
        'limits.maxWorkerMemoryMb',
        d.limits.maxWorkerMemoryMb,
        { min: 64, max: 16_384 },
      ),
      maxQueuedJobs: integer(
        config,
        'limits.maxQueuedJobs',
        d.limits.maxQueuedJobs,
        { min: 1, max: 10_000 },
      ),
    },
    cacheMaxEntries: integer(config, 'cache.maxEntries', d.cacheMaxEntries, {
      min: 1,
      max: 100_000,
    }),
  };
}

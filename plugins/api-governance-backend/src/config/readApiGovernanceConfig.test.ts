import { mockServices } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import {
  API_GOVERNANCE_DEFAULTS,
  readApiGovernanceConfig,
} from './readApiGovernanceConfig';

const read = (apiGovernance?: JsonObject) =>
  readApiGovernanceConfig(
    mockServices.rootConfig({ data: apiGovernance ? { apiGovernance } : {} }),
  );

describe('readApiGovernanceConfig', () => {
  it('uses the defaults when nothing is configured (180 days, 10 s, 32 MiB)', () => {
    expect(read()).toEqual(API_GOVERNANCE_DEFAULTS);
    expect(read().minDeprecationDays).toBe(180);
    expect(read().limits.diffTimeoutMs).toBe(10_000);
  });

  it('reads every key', () => {
    expect(
      read({
        policy: { minDeprecationDays: 90 },
        limits: {
          maxSpecBytes: 1_000_000,
          diffTimeoutMs: 2_000,
          maxWorkerMemoryMb: 256,
          maxQueuedJobs: 5,
        },
        cache: { maxEntries: 50 },
      }),
    ).toEqual({
      minDeprecationDays: 90,
      limits: {
        maxSpecBytes: 1_000_000,
        diffTimeoutMs: 2_000,
        maxWorkerMemoryMb: 256,
        maxQueuedJobs: 5,
      },
      cacheMaxEntries: 50,
    });
  });

  it.each([
    [
      { policy: { minDeprecationDays: -1 } },
      'apiGovernance.policy.minDeprecationDays',
    ],
    [
      { limits: { diffTimeoutMs: '10s' } },
      'apiGovernance.limits.diffTimeoutMs',
    ],
    [
      { limits: { maxWorkerMemoryMb: 12.5 } },
      'apiGovernance.limits.maxWorkerMemoryMb',
    ],
    [{ cache: { maxEntries: 0 } }, 'apiGovernance.cache.maxEntries'],
  ])('refuses %j naming the key', (value, key) => {
    expect(() => read(value as JsonObject)).toThrow(
      new RegExp(
        `Invalid config ${key.replace(/\./g, '\\.')}: expected a whole number`,
      ),
    );
  });
});

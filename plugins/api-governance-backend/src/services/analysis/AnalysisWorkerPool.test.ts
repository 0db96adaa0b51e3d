import { mockServices } from '@backstage/backend-test-utils';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  AnalysisLimitExceeded,
  AnalysisWorkerPool,
} from './AnalysisWorkerPool';
import { hugeEnumSpec, largeSpec } from './__fixtures__/hostileSpecs';

const EXAMPLES = resolve(__dirname, '../../../../../examples/apis/openapi');
const v2 = readFileSync(resolve(EXAMPLES, 'user-provisioning-v2.yaml'), 'utf8');

function pool(
  limits: Partial<
    ConstructorParameters<typeof AnalysisWorkerPool>[0]['limits']
  > = {},
) {
  return new AnalysisWorkerPool({
    logger: mockServices.logger.mock(),
    limits: {
      timeoutMs: 30_000,
      maxOldGenerationSizeMb: 512,
      maxQueuedJobs: 10,
      ...limits,
    },
  });
}

describe('AnalysisWorkerPool', () => {
  jest.setTimeout(120_000);

  it('lints a definition in a worker thread', async () => {
    const workers = pool();
    try {
      const result = await workers.run({
        type: 'inspect',
        definition: { source: 'api:default/user-provisioning-v2', text: v2 },
        limits: {},
      });
      expect(result).toMatchObject({ ok: true, semver: '2.1.0' });
    } finally {
      await workers.close();
    }
  });

  it('stops a job that exceeds the time limit, and the next job gets a fresh worker', async () => {
    // Linting this document takes ~15 s on the 2-core machine; a small job takes
    // milliseconds, so 2 s separates them even under load.
    const workers = pool({ timeoutMs: 2000 });
    try {
      const costly = largeSpec({ operations: 3000 });
      await expect(
        workers.run({
          type: 'inspect',
          definition: { source: 'api:default/large', text: costly },
          limits: {},
        }),
      ).rejects.toMatchObject({
        name: 'AnalysisLimitExceeded',
        problem: { code: 'TIMEOUT' },
      });
      const small = await workers.run({
        type: 'compare',
        base: { source: 'a', text: largeSpec({ operations: 1 }) },
        head: {
          source: 'b',
          text: largeSpec({ operations: 1, version: '1.1.0' }),
        },
        now: new Date().toISOString(),
        limits: {},
      });
      expect(small).toEqual({ ok: true, changes: [] });
    } finally {
      await workers.close();
    }
  });

  it('ends a job that exceeds the memory limit without taking the process down', async () => {
    const workers = pool({ maxOldGenerationSizeMb: 160 });
    try {
      const error = await workers
        .run({
          type: 'inspect',
          definition: {
            source: 'api:default/huge',
            text: hugeEnumSpec(1_500_000),
          },
          limits: { maxBytes: 512 * 1024 * 1024 },
        })
        .catch(e => e);
      expect(error).toBeInstanceOf(AnalysisLimitExceeded);
      expect(error.problem.code).toBe('OUT_OF_MEMORY');
      await expect(
        workers.run({
          type: 'inspect',
          definition: { source: 'api:default/user-provisioning-v2', text: v2 },
          limits: {},
        }),
      ).resolves.toMatchObject({ ok: true });
    } finally {
      await workers.close();
    }
  });
});

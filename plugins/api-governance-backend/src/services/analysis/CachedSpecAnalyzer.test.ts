import { ServiceUnavailableError } from '@backstage/errors';
import { AnalysisLimitExceeded } from './AnalysisWorkerPool';
import { CachedSpecAnalyzer } from './CachedSpecAnalyzer';
import { runAnalysisJob, type AnalysisJob } from './runAnalysisJob';

const SPEC = (version: string) => `openapi: 3.0.3
info: { title: Orders, version: ${version} }
servers: [{ url: /v1 }]
security: [{ bearer: [] }]
paths: {}
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
`;

/** Runs the real job in this thread and counts the runs. */
function countingRunner() {
  const jobs: AnalysisJob[] = [];
  return {
    jobs,
    run: (job: AnalysisJob) => {
      jobs.push(job);
      return runAnalysisJob(job);
    },
  };
}

describe('CachedSpecAnalyzer', () => {
  it('lints a definition once while its text stays the same, and again when it changes', async () => {
    const runner = countingRunner();
    const analyzer = new CachedSpecAnalyzer({
      runner,
      limits: {},
      maxEntries: 10,
    });
    const definition = { source: 'api:default/orders', text: SPEC('1.0.0') };
    const [a, b] = await Promise.all([
      analyzer.inspect(definition),
      analyzer.inspect(definition),
    ]);
    await analyzer.inspect({ ...definition });
    expect(a).toEqual(b);
    expect(runner.jobs).toHaveLength(1);
    await analyzer.inspect({ ...definition, text: SPEC('1.1.0') });
    expect(runner.jobs).toHaveLength(2);
  });

  it('compares a pair once per day (sunset rules depend on the date)', async () => {
    const runner = countingRunner();
    const analyzer = new CachedSpecAnalyzer({
      runner,
      limits: {},
      maxEntries: 10,
    });
    const request = {
      base: { source: 'api:default/orders-v1', text: SPEC('1.0.0') },
      head: { source: 'api:default/orders-v2', text: SPEC('2.0.0') },
    };
    await analyzer.compare({
      ...request,
      now: new Date('2026-11-30T08:00:00Z'),
    });
    await analyzer.compare({
      ...request,
      now: new Date('2026-11-30T20:00:00Z'),
    });
    expect(runner.jobs).toHaveLength(1);
    await analyzer.compare({
      ...request,
      now: new Date('2026-12-01T08:00:00Z'),
    });
    expect(runner.jobs).toHaveLength(2);
  });

  it('forgets the least recently used result beyond its size', async () => {
    const runner = countingRunner();
    const analyzer = new CachedSpecAnalyzer({
      runner,
      limits: {},
      maxEntries: 2,
    });
    const spec = (v: string) => ({
      source: 'api:default/orders',
      text: SPEC(v),
    });
    await analyzer.inspect(spec('1.0.0'));
    await analyzer.inspect(spec('1.1.0'));
    await analyzer.inspect(spec('1.0.0'));
    await analyzer.inspect(spec('1.2.0')); // evicts 1.1.0, the least recently used
    await analyzer.inspect(spec('1.0.0'));
    expect(runner.jobs).toHaveLength(3);
    await analyzer.inspect(spec('1.1.0'));
    expect(runner.jobs).toHaveLength(4);
  });

  it('remembers a definition that exceeded its limits, naming it, but retries after a transient failure', async () => {
    let calls = 0;
    const analyzer = new CachedSpecAnalyzer({
      limits: {},
      maxEntries: 10,
      runner: {
        run: async () => {
          calls++;
          if (calls === 1) {
            throw new AnalysisLimitExceeded({
              code: 'TIMEOUT',
              message: 'took longer than 10 ms',
            });
          }
          throw new ServiceUnavailableError('queue full');
        },
      },
    });
    const slow = { source: 'api:default/slow', text: SPEC('1.0.0') };
    const expected = {
      ok: false,
      problem: {
        code: 'TIMEOUT',
        message: 'api:default/slow: took longer than 10 ms',
      },
    };
    await expect(analyzer.inspect(slow)).resolves.toMatchObject(expected);
    await expect(analyzer.inspect(slow)).resolves.toMatchObject(expected);
    expect(calls).toBe(1);

    const other = { source: 'api:default/other', text: SPEC('1.0.0') };
    await expect(analyzer.inspect(other)).rejects.toThrow('queue full');
    await expect(analyzer.inspect(other)).rejects.toThrow('queue full');
    expect(calls).toBe(3);
  });
});

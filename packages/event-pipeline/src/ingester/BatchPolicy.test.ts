import { BatchPolicy } from './BatchPolicy';

describe('BatchPolicy', () => {
  const policy = new BatchPolicy({ maxRows: 100, maxWaitMs: 20 });

  it('flushes at once when the row bound is reached', () => {
    expect(policy.decide(100, 1000, 1001, false)).toEqual({ flush: 'now' });
  });

  it('waits out the rest of the interval since the previous flush', () => {
    expect(policy.decide(5, 1000, 1008, false)).toEqual({
      flush: 'after',
      waitMs: 12,
    });
  });

  it('flushes without waiting when the previous flush is older than the interval', () => {
    expect(policy.decide(5, 1000, 1500, false)).toEqual({
      flush: 'after',
      waitMs: 0,
    });
  });

  it('never waits longer than the time bound (clock went backwards)', () => {
    expect(policy.decide(5, 5000, 1000, false)).toEqual({
      flush: 'after',
      waitMs: 20,
    });
  });

  it('flushes whatever is pending while draining', () => {
    expect(policy.decide(1, 1000, 1001, true)).toEqual({ flush: 'now' });
  });

  it('splits rows into inserts of at most maxRows', () => {
    const rows = Array.from({ length: 250 }, (_, i) => i);
    expect(policy.chunks(rows).map(c => c.length)).toEqual([100, 100, 50]);
    expect(policy.chunks(rows).flat()).toEqual(rows);
    expect(policy.chunks([])).toEqual([]);
  });

  it('rejects nonsensical bounds', () => {
    expect(() => new BatchPolicy({ maxRows: 0, maxWaitMs: 10 })).toThrow(
      /maxRows/,
    );
    expect(() => new BatchPolicy({ maxRows: 10, maxWaitMs: -1 })).toThrow(
      /maxWaitMs/,
    );
  });
});

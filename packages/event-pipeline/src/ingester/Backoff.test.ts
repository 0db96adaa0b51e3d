import { Backoff } from './Backoff';

describe('Backoff', () => {
  it('doubles from the initial delay up to the maximum', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1000, jitter: 0 });
    expect([1, 2, 3, 4, 5, 6, 50].map(n => backoff.delayMs(n))).toEqual([
      100, 200, 400, 800, 1000, 1000, 1000,
    ]);
  });

  it('randomizes only the jitter fraction of the delay', () => {
    const low = new Backoff({
      initialMs: 1000,
      maxMs: 1000,
      jitter: 0.2,
      random: () => 0,
    });
    const high = new Backoff({
      initialMs: 1000,
      maxMs: 1000,
      jitter: 0.2,
      random: () => 1,
    });
    expect(low.delayMs(1)).toBe(800);
    expect(high.delayMs(1)).toBe(1000);
  });

  it('rejects a maximum below the initial delay', () => {
    expect(() => new Backoff({ initialMs: 500, maxMs: 100 })).toThrow(
      /initialMs <= maxMs/,
    );
  });
});

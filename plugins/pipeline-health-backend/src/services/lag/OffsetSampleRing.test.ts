import { OffsetSampleRing } from './OffsetSampleRing';

describe('OffsetSampleRing', () => {
  it('keeps the newest samples, oldest first, once full', () => {
    const ring = new OffsetSampleRing(3);
    for (let i = 1; i <= 5; i++) {
      expect(ring.add({ endOffset: i * 10, time: i * 1000 })).toBe('added');
    }
    expect(ring.size).toBe(3);
    expect(ring.samples()).toEqual([
      { endOffset: 30, time: 3000 },
      { endOffset: 40, time: 4000 },
      { endOffset: 50, time: 5000 },
    ]);
    expect(ring.latest()).toEqual({ endOffset: 50, time: 5000 });
  });

  it('ignores a sample that is not newer than the last one (late or repeated poll)', () => {
    const ring = new OffsetSampleRing(5);
    ring.add({ endOffset: 10, time: 2000 });
    expect(ring.add({ endOffset: 12, time: 2000 })).toBe('ignored-stale');
    expect(ring.add({ endOffset: 5, time: 1000 })).toBe('ignored-stale');
    expect(ring.samples()).toEqual([{ endOffset: 10, time: 2000 }]);
  });

  it('keeps an unchanged end offset (an idle producer) as a sample', () => {
    const ring = new OffsetSampleRing(5);
    ring.add({ endOffset: 10, time: 1000 });
    expect(ring.add({ endOffset: 10, time: 2000 })).toBe('added');
    expect(ring.size).toBe(2);
  });

  it('starts over when the end offset goes down (topic recreated or truncated)', () => {
    const ring = new OffsetSampleRing(3);
    ring.add({ endOffset: 100, time: 1000 });
    ring.add({ endOffset: 200, time: 2000 });
    ring.add({ endOffset: 300, time: 3000 });
    ring.add({ endOffset: 400, time: 4000 });
    expect(ring.add({ endOffset: 7, time: 5000 })).toBe('reset');
    expect(ring.samples()).toEqual([{ endOffset: 7, time: 5000 }]);
    ring.add({ endOffset: 9, time: 6000 });
    expect(ring.samples()).toEqual([
      { endOffset: 7, time: 5000 },
      { endOffset: 9, time: 6000 },
    ]);
  });

  it('refuses a capacity too small to interpolate in', () => {
    expect(() => new OffsetSampleRing(1)).toThrow(
      'An offset sample ring needs room for at least 2 samples, got 1',
    );
  });
});

import { RatePacer } from './RatePacer';

describe('RatePacer', () => {
  it('owes events in proportion to the time elapsed', () => {
    const pacer = new RatePacer(1000);
    expect(pacer.due(0, 0)).toBe(0);
    expect(pacer.due(10, 0)).toBe(10);
    expect(pacer.due(1000, 400)).toBe(600);
  });

  it('catches up after a late send instead of losing the deficit', () => {
    const pacer = new RatePacer(100);
    expect(pacer.due(2000, 50)).toBe(150);
  });

  it('knows how long until the next event is owed', () => {
    const pacer = new RatePacer(200); // one every 5 ms
    expect(pacer.waitMs(0, 0)).toBe(5);
    expect(pacer.waitMs(7, 1)).toBe(3);
    expect(pacer.waitMs(50, 1)).toBe(0);
  });

  it("owes without limit at 'max'", () => {
    expect(new RatePacer('max').due(0, 1e9)).toBe(Infinity);
  });

  it('rejects a rate of zero', () => {
    expect(() => new RatePacer(0)).toThrow(/rate must be > 0/);
  });
});

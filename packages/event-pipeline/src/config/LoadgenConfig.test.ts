import { parseLoadgenConfig } from './LoadgenConfig';

describe('parseLoadgenConfig', () => {
  it('reads the issue example', () => {
    expect(
      parseLoadgenConfig(['--rate', '5000', '--duration', '60s'], {}),
    ).toMatchObject({
      rate: 5000,
      durationMs: 60_000,
      count: undefined,
      topic: 'events-raw',
    });
  });

  it("accepts 'max' with a bound", () => {
    expect(
      parseLoadgenConfig(['--rate', 'max', '--count', '1000'], {}),
    ).toMatchObject({
      rate: 'max',
      count: 1000,
    });
  });

  it("refuses 'max' without a duration or count", () => {
    expect(() => parseLoadgenConfig(['--rate', 'max'], {})).toThrow(
      /needs --duration or --count/,
    );
  });

  it('explains a bad rate and a duration without unit', () => {
    expect(() => parseLoadgenConfig(['--rate', 'fast'], {})).toThrow(
      /--rate: must be events per second \(> 0\) or 'max', got "fast"/,
    );
    expect(() => parseLoadgenConfig(['--duration', '60'], {})).toThrow(
      /--duration: must be a duration with a unit/,
    );
  });

  it('falls back to LOADGEN_* environment variables', () => {
    expect(
      parseLoadgenConfig([], {
        LOADGEN_RATE: '200',
        LOADGEN_INVALID_EVERY: '50',
      }),
    ).toMatchObject({
      rate: 200,
      invalidEvery: 50,
    });
  });
});

import {
  bucketStart,
  downsampleBefore,
  expireBefore,
  historyResolutionMs,
  mergeBuckets,
} from './downsample';

const HISTORY = {
  retentionMs: 7 * 86_400_000,
  fullResolutionMs: 86_400_000,
  downsampledResolutionMs: 60_000,
};

describe('bucketStart', () => {
  it('rounds down to the bucket size, epoch-aligned', () => {
    expect(bucketStart(12_345, 5_000)).toBe(10_000);
    expect(bucketStart(10_000, 5_000)).toBe(10_000);
    expect(bucketStart(Date.UTC(2026, 10, 30, 12, 0, 59, 999), 60_000)).toBe(
      Date.UTC(2026, 10, 30, 12, 0, 0),
    );
  });
});

describe('historyResolutionMs', () => {
  it('is the poll interval for ranges inside the full-resolution window', () => {
    expect(historyResolutionMs(3_600_000, HISTORY, 5_000)).toBe(5_000);
    expect(historyResolutionMs(86_400_000, HISTORY, 5_000)).toBe(5_000);
  });

  it('is the downsampled size for ranges reaching beyond it', () => {
    expect(
      historyResolutionMs(
        6 * 3_600_000,
        { ...HISTORY, fullResolutionMs: 3_600_000 },
        5_000,
      ),
    ).toBe(60_000);
  });

  it('is never finer than the poll interval', () => {
    expect(
      historyResolutionMs(
        6 * 3_600_000,
        {
          ...HISTORY,
          fullResolutionMs: 3_600_000,
          downsampledResolutionMs: 1_000,
        },
        5_000,
      ),
    ).toBe(5_000);
  });
});

describe('downsampleBefore and expireBefore', () => {
  it('downsamples only whole buckets older than the full-resolution window', () => {
    const now = Date.UTC(2026, 10, 30, 12, 0, 30);
    expect(downsampleBefore(now, HISTORY)).toBe(
      Date.UTC(2026, 10, 29, 12, 0, 0),
    );
  });

  it('expires rows older than the retention', () => {
    const now = Date.UTC(2026, 10, 30, 12, 0, 30);
    expect(expireBefore(now, HISTORY)).toBe(Date.UTC(2026, 10, 23, 12, 0, 30));
  });
});

describe('mergeBuckets', () => {
  it('takes the maximum of lag and freshness and the weighted mean of rates and latencies', () => {
    const merged = mergeBuckets(
      [
        {
          at: 0,
          sampleCount: 1,
          values: {
            lagMessages: 10,
            lagSeconds: 1,
            freshnessMs: 500,
            eventsPerSecond: 100,
            ingestionP99Ms: 40,
          },
        },
        {
          at: 5_000,
          sampleCount: 3,
          values: {
            lagMessages: 4,
            lagSeconds: 9,
            freshnessMs: 100,
            eventsPerSecond: 200,
            ingestionP99Ms: 80,
          },
        },
      ],
      60_000,
    );
    expect(merged).toEqual([
      {
        at: 0,
        sampleCount: 4,
        values: {
          lagMessages: 10,
          lagSeconds: 9,
          freshnessMs: 500,
          eventsPerSecond: 175,
          ingestionP99Ms: 70,
        },
      },
    ]);
  });

  it('ignores values that were not measured instead of counting them as zero', () => {
    const [merged] = mergeBuckets(
      [
        { at: 0, sampleCount: 1, values: { queryP99Ms: 300 } },
        { at: 5_000, sampleCount: 1, values: { lagMessages: 2 } },
      ],
      60_000,
    );
    expect(merged.values).toEqual({ queryP99Ms: 300, lagMessages: 2 });
  });

  it('returns buckets oldest first whatever the input order', () => {
    const merged = mergeBuckets(
      [
        { at: 125_000, sampleCount: 1, values: { lagMessages: 3 } },
        { at: 5_000, sampleCount: 1, values: { lagMessages: 1 } },
        { at: 65_000, sampleCount: 1, values: { lagMessages: 2 } },
      ],
      60_000,
    );
    expect(merged.map(b => [b.at, b.values.lagMessages])).toEqual([
      [0, 1],
      [60_000, 2],
      [120_000, 3],
    ]);
  });
});

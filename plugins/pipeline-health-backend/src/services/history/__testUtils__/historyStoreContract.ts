// A shared contract: the SQLite unit test and the PostgreSQL integration test both run it.
/* eslint-disable jest/no-export */
import type { HistoryConfig } from '../../../config';
import { KnexHistoryStore } from '../KnexHistoryStore';
import type { TestDatabase } from './testDatabases';

const POLL_MS = 5_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const HISTORY: HistoryConfig = {
  retentionMs: 24 * HOUR,
  fullResolutionMs: HOUR,
  downsampledResolutionMs: MINUTE,
};
/** A whole hour, so that minute buckets line up with round numbers. */
const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);

/**
 * The behaviour every engine must show (SQLite in unit tests, PostgreSQL in the
 * integration test). `newDatabase` gives each test a migrated, empty database.
 */
export function historyStoreContract(newDatabase: () => Promise<TestDatabase>) {
  let db: TestDatabase;
  let store: KnexHistoryStore;
  const storeOn = (knex = db.primary, history = HISTORY) =>
    new KnexHistoryStore({ knex, history, pollIntervalMs: POLL_MS });

  beforeEach(async () => {
    db = await newDatabase();
    store = storeOn();
  });
  afterEach(async () => {
    await db.close();
  });

  /** One sample per poll from `from` (inclusive) to `to` (exclusive). */
  const polls = (
    from: number,
    to: number,
    point: (at: number, i: number) => Record<string, number>,
    pipelineId = 'events',
  ) => {
    const samples = [];
    for (let at = from, i = 0; at < to; at += POLL_MS, i++) {
      samples.push({ pipelineId, at, point: point(at, i) });
    }
    return samples;
  };

  const rowCount = async () =>
    Number(
      (await db.primary('pipeline_health_samples').count({ n: '*' }).first())
        ?.n,
    );

  it('returns recorded samples oldest first at poll resolution', async () => {
    await store.record([
      {
        pipelineId: 'events',
        at: NOW - 2 * POLL_MS + 1_200,
        point: {
          lagMessages: 12,
          ingestionP99Ms: 80.5,
          eventsPerSecond: 1_000,
        },
      },
      {
        pipelineId: 'events',
        at: NOW - 3 * POLL_MS + 700,
        point: { lagMessages: 10, freshnessMs: 900 },
      },
      { pipelineId: 'other', at: NOW - POLL_MS, point: { lagMessages: 99 } },
    ]);
    const history = await store.getHistory('events', '1h', NOW);
    expect(history).toEqual({
      pipelineId: 'events',
      range: '1h',
      resolutionMs: POLL_MS,
      points: [
        {
          at: new Date(NOW - 3 * POLL_MS).toISOString(),
          lagMessages: 10,
          freshnessMs: 900,
        },
        {
          at: new Date(NOW - 2 * POLL_MS).toISOString(),
          lagMessages: 12,
          ingestionP99Ms: 80.5,
          eventsPerSecond: 1_000,
        },
      ],
    });
  });

  it('keeps one sample per poll bucket when two replicas record the same poll', async () => {
    const replica = storeOn(db.replica);
    await Promise.all([
      store.record([
        { pipelineId: 'events', at: NOW - 4_000, point: { lagMessages: 5 } },
      ]),
      replica.record([
        { pipelineId: 'events', at: NOW - 3_000, point: { lagMessages: 6 } },
      ]),
    ]);
    const { points } = await replica.getHistory('events', '1h', NOW);
    expect(points).toHaveLength(1);
    expect(points[0].at).toBe(new Date(NOW - POLL_MS).toISOString());
    expect([5, 6]).toContain(points[0].lagMessages);
    expect(await rowCount()).toBe(1);
  });

  it('leaves out samples outside the range', async () => {
    await store.record([
      { pipelineId: 'events', at: NOW - HOUR, point: { lagMessages: 1 } },
      {
        pipelineId: 'events',
        at: NOW - HOUR + POLL_MS,
        point: { lagMessages: 2 },
      },
      { pipelineId: 'events', at: NOW + POLL_MS, point: { lagMessages: 3 } },
    ]);
    const { points } = await store.getHistory('events', '1h', NOW);
    expect(points.map(p => p.lagMessages)).toEqual([2]);
  });

  it('downsamples samples older than the full-resolution window: max for lag and freshness, mean for rates and latencies', async () => {
    // Two hours ago: one minute of 12 polls with a lag spike in the middle.
    const minute = NOW - 2 * HOUR;
    await store.record(
      polls(minute, minute + MINUTE, (_at, i) => ({
        lagMessages: i === 6 ? 5_000 : 100,
        lagSeconds: i === 6 ? 240 : 2,
        freshnessMs: 1_000 + i,
        eventsPerSecond: 1_000 + i * 10,
        ingestionP99Ms: i < 6 ? 50 : 150,
      })),
    );
    // Recent samples stay at poll resolution.
    await store.record(
      polls(NOW - 10 * MINUTE, NOW - 10 * MINUTE + MINUTE, () => ({
        lagMessages: 7,
      })),
    );

    const result = await store.compact(NOW);
    expect(result).toEqual({
      downsampledRows: 12,
      bucketsWritten: 1,
      expiredRows: 0,
    });

    const rows = await db
      .primary('pipeline_health_samples')
      .where('bucket_at', '<', NOW - HOUR)
      .select();
    expect(rows).toHaveLength(1);
    expect(Number(rows[0].bucket_at)).toBe(minute);
    expect(rows[0].resolution_ms).toBe(MINUTE);
    expect(rows[0].sample_count).toBe(12);
    expect(rows[0].lag_messages).toBe(5_000);
    expect(rows[0].lag_seconds).toBe(240);
    expect(rows[0].freshness_ms).toBe(1_011);
    expect(rows[0].events_per_second).toBeCloseTo(1_055, 6);
    expect(rows[0].ingestion_p99_ms).toBeCloseTo(100, 6);
    // The last ten minutes are untouched: 12 poll rows.
    expect(await rowCount()).toBe(13);
  });

  it('changes nothing when compacting twice', async () => {
    await store.record(
      polls(NOW - 3 * HOUR, NOW, (_at, i) => ({
        lagMessages: i % 17,
        eventsPerSecond: i % 5,
      })),
    );
    await store.compact(NOW);
    const once = await db
      .primary('pipeline_health_samples')
      .orderBy('bucket_at')
      .select();
    const again = await store.compact(NOW);
    expect(again).toEqual({
      downsampledRows: 0,
      bucketsWritten: 0,
      expiredRows: 0,
    });
    const twice = await db
      .primary('pipeline_health_samples')
      .orderBy('bucket_at')
      .select();
    expect(twice).toEqual(once);
  });

  it('compacts hours of samples in bounded batches into minute buckets', async () => {
    // Three hours at 5 s: 2,160 rows, of which the two hours beyond the full-resolution
    // window become 120 minute buckets (two batches of 60); the last hour stays.
    await store.record(
      polls(NOW - 3 * HOUR, NOW, (_at, i) => ({ lagMessages: i })),
    );
    const result = await store.compact(NOW);
    expect(result).toEqual({
      downsampledRows: 2 * 720,
      bucketsWritten: 120,
      expiredRows: 0,
    });
    expect(await rowCount()).toBe(120 + 720);
  });

  it('serves a range beyond the full-resolution window at the downsampled resolution, evenly spaced', async () => {
    await store.record(
      polls(NOW - 3 * HOUR, NOW, (_at, i) => ({ lagMessages: i })),
    );
    await store.compact(NOW);
    const history = await store.getHistory('events', '6h', NOW);
    expect(history.resolutionMs).toBe(MINUTE);
    expect(history.points).toHaveLength(180);
    const times = history.points.map(p => Date.parse(p.at));
    expect(times[0]).toBe(NOW - 3 * HOUR);
    times.slice(1).forEach((t, i) => expect(t - times[i]).toBe(MINUTE));
    // Lag is the maximum of each minute's 12 polls, old (stored) or recent (merged on read).
    expect(history.points[0].lagMessages).toBe(11);
    expect(history.points[179].lagMessages).toBe(2_159);
  });

  it('deletes samples older than the retention', async () => {
    await store.record(
      polls(NOW - 26 * HOUR, NOW - 23 * HOUR, () => ({ lagMessages: 1 })),
    );
    const result = await store.compact(NOW);
    // 2 h of 5 s polls beyond the 24 h retention go; the hour inside is downsampled.
    expect(result.expiredRows).toBe(2 * 720);
    expect(result.bucketsWritten).toBe(60);
    const oldest = await db
      .primary('pipeline_health_samples')
      .min({ at: 'bucket_at' })
      .first();
    expect(Number(oldest?.at)).toBe(NOW - 24 * HOUR);
  });

  it('merges a late sample into an already downsampled bucket with its weight', async () => {
    const minute = NOW - 2 * HOUR;
    await store.record(
      polls(minute, minute + MINUTE - POLL_MS, () => ({
        eventsPerSecond: 100,
        lagMessages: 1,
      })),
    );
    await store.compact(NOW);
    await store.record([
      {
        pipelineId: 'events',
        at: minute + MINUTE - POLL_MS,
        point: { eventsPerSecond: 1_300, lagMessages: 9 },
      },
    ]);
    await store.compact(NOW);
    const rows = await db.primary('pipeline_health_samples').select();
    expect(rows).toHaveLength(1);
    expect(rows[0].sample_count).toBe(12);
    expect(rows[0].events_per_second).toBeCloseTo((11 * 100 + 1_300) / 12, 6);
    expect(rows[0].lag_messages).toBe(9);
  });
}

import type {
  HistoryRange,
  PipelineHistory,
} from '@plinth/plugin-pipeline-health-common';
import type { Knex } from 'knex';
import type { HistoryConfig } from '../../config';
import {
  Bucket,
  HISTORY_RANGE_MS,
  METRICS,
  bucketStart,
  downsampleBefore,
  expireBefore,
  historyResolutionMs,
  mergeBuckets,
} from './downsample';
import type { CompactionResult, HistorySample, HistoryStore } from './types';

const TABLE = 'pipeline_health_samples';

/**
 * Bounds one compaction step: at most this many downsampled buckets of one pipeline (an
 * hour at the default 1-minute buckets, 720 poll rows at 5 s) are read, merged and written
 * in one short transaction, so compaction never holds a long lock or a large result set.
 */
const BUCKETS_PER_BATCH = 60;
/** Rows inserted per statement (SQLite allows 32,766 bound values; 11 columns a row). */
const INSERT_CHUNK = 500;

type SampleRow = {
  pipeline_id: string;
  bucket_at: number | string;
  resolution_ms: number;
  sample_count: number;
} & Record<string, unknown>;

export type KnexHistoryStoreOptions = {
  /** The plugin's database, migrated (see connectDatabase). */
  knex: Knex;
  history: HistoryConfig;
  pollIntervalMs: number;
};

// PostgreSQL returns bigint columns as strings (they may exceed 2^53); epoch ms do not.
const toNumber = (value: unknown): number | undefined =>
  value === null || value === undefined ? undefined : Number(value);

function rowToBucket(row: SampleRow): Bucket {
  const values: Bucket['values'] = {};
  for (const { key, column } of METRICS) {
    const value = toNumber(row[column]);
    if (value !== undefined) {
      values[key] = value;
    }
  }
  return { at: Number(row.bucket_at), sampleCount: row.sample_count, values };
}

function bucketToRow(
  pipelineId: string,
  bucket: Bucket,
  resolutionMs: number,
): Record<string, unknown> {
  const row: Record<string, unknown> = {
    pipeline_id: pipelineId,
    bucket_at: bucket.at,
    resolution_ms: resolutionMs,
    sample_count: bucket.sampleCount,
  };
  for (const { key, column } of METRICS) {
    const value = bucket.values[key];
    row[column] = value !== undefined && Number.isFinite(value) ? value : null;
  }
  return row;
}

/** HistoryStore over the plugin's Backstage database (SQLite or PostgreSQL). */
export class KnexHistoryStore implements HistoryStore {
  private readonly knex: Knex;
  private readonly history: HistoryConfig;
  private readonly pollIntervalMs: number;

  constructor(options: KnexHistoryStoreOptions) {
    this.knex = options.knex;
    this.history = options.history;
    this.pollIntervalMs = options.pollIntervalMs;
  }

  async record(samples: HistorySample[]): Promise<void> {
    const rows = samples.map(sample =>
      bucketToRow(
        sample.pipelineId,
        {
          at: bucketStart(sample.at, this.pollIntervalMs),
          sampleCount: 1,
          values: sample.point,
        },
        this.pollIntervalMs,
      ),
    );
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      // Every replica polls and records; the first row of a bucket wins, the others are
      // the same measurement a moment later and are dropped.
      await this.knex(TABLE)
        .insert(rows.slice(i, i + INSERT_CHUNK))
        .onConflict(['pipeline_id', 'bucket_at'])
        .ignore();
    }
  }

  async getHistory(
    pipelineId: string,
    range: HistoryRange,
    now: number,
  ): Promise<PipelineHistory> {
    const rangeMs = HISTORY_RANGE_MS[range];
    const resolutionMs = historyResolutionMs(
      rangeMs,
      this.history,
      this.pollIntervalMs,
    );
    const rows: SampleRow[] = await this.knex(TABLE)
      .where('pipeline_id', pipelineId)
      .andWhere('bucket_at', '>', now - rangeMs)
      .andWhere('bucket_at', '<=', now)
      .orderBy('bucket_at', 'asc');
    let buckets = rows.map(rowToBucket);
    if (resolutionMs > this.pollIntervalMs) {
      buckets = mergeBuckets(buckets, resolutionMs);
    }
    return {
      pipelineId,
      range,
      resolutionMs,
      points: buckets.map(bucket => ({
        at: new Date(bucket.at).toISOString(),
        ...bucket.values,
      })),
    };
  }

  async compact(now: number): Promise<CompactionResult> {
    const result: CompactionResult = {
      downsampledRows: 0,
      bucketsWritten: 0,
      expiredRows: 0,
    };
    await this.expire(now, result);
    await this.downsample(now, result);
    return result;
  }

  /** Deletes expired rows oldest first, one bounded time slice per statement. */
  private async expire(now: number, result: CompactionResult) {
    const before = expireBefore(now, this.history);
    const sliceMs = BUCKETS_PER_BATCH * this.history.downsampledResolutionMs;
    for (;;) {
      const oldest = await this.knex(TABLE)
        .where('bucket_at', '<', before)
        .min({ at: 'bucket_at' })
        .first();
      const oldestAt = toNumber(oldest?.at);
      if (oldestAt === undefined) {
        return;
      }
      result.expiredRows += await this.knex(TABLE)
        .where('bucket_at', '<', Math.min(oldestAt + sliceMs, before))
        .delete();
    }
  }

  /**
   * Merges poll-resolution rows older than the full-resolution window into downsampled
   * buckets, per pipeline, BUCKETS_PER_BATCH buckets per transaction. Existing downsampled
   * rows in the slice are merged in with their weight, so a late row (or a second run)
   * changes nothing it should not.
   */
  private async downsample(now: number, result: CompactionResult) {
    const sizeMs = this.history.downsampledResolutionMs;
    if (sizeMs <= this.pollIntervalMs) {
      return;
    }
    const before = downsampleBefore(now, this.history);
    const pipelines: Array<{ pipeline_id: string }> = await this.knex(TABLE)
      .distinct('pipeline_id')
      .where('resolution_ms', '<', sizeMs)
      .andWhere('bucket_at', '<', before);
    for (const { pipeline_id: pipelineId } of pipelines) {
      for (;;) {
        const oldest = await this.knex(TABLE)
          .where('pipeline_id', pipelineId)
          .andWhere('resolution_ms', '<', sizeMs)
          .andWhere('bucket_at', '<', before)
          .min({ at: 'bucket_at' })
          .first();
        const oldestAt = toNumber(oldest?.at);
        if (oldestAt === undefined) {
          break;
        }
        const from = bucketStart(oldestAt, sizeMs);
        const to = Math.min(from + BUCKETS_PER_BATCH * sizeMs, before);
        await this.knex.transaction(async tx => {
          const rows: SampleRow[] = await tx(TABLE)
            .where('pipeline_id', pipelineId)
            .andWhere('bucket_at', '>=', from)
            .andWhere('bucket_at', '<', to);
          const merged = mergeBuckets(rows.map(rowToBucket), sizeMs);
          await tx(TABLE)
            .where('pipeline_id', pipelineId)
            .andWhere('bucket_at', '>=', from)
            .andWhere('bucket_at', '<', to)
            .delete();
          const mergedRows = merged.map(bucket =>
            bucketToRow(pipelineId, bucket, sizeMs),
          );
          for (let i = 0; i < mergedRows.length; i += INSERT_CHUNK) {
            // merge: another replica compacting the same slice wrote the same buckets.
            await tx(TABLE)
              .insert(mergedRows.slice(i, i + INSERT_CHUNK))
              .onConflict(['pipeline_id', 'bucket_at'])
              .merge();
          }
          result.downsampledRows += rows.filter(
            row => row.resolution_ms < sizeMs,
          ).length;
          result.bucketsWritten += merged.length;
        });
      }
    }
  }
}

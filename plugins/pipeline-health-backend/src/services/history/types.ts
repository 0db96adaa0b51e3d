import type {
  HistoryPoint,
  HistoryRange,
  PipelineHistory,
} from '@plinth/plugin-pipeline-health-common';

/** One poll's numbers for one pipeline. */
export type HistorySample = {
  pipelineId: string;
  /** When the poll measured them, epoch ms. */
  at: number;
  point: Omit<HistoryPoint, 'at'>;
};

/** What compact() did, for the log line of the scheduled task. */
export type CompactionResult = {
  /** Poll-resolution rows merged into downsampled buckets. */
  downsampledRows: number;
  /** Downsampled buckets written. */
  bucketsWritten: number;
  /** Rows deleted because they were older than the retention. */
  expiredRows: number;
};

/** Each pipeline's history in the Backstage database. */
export interface HistoryStore {
  /** Stores samples; a second sample in the same poll bucket (another replica) is ignored. */
  record(samples: HistorySample[]): Promise<void>;
  /** Points oldest first, evenly spaced at `resolutionMs`. */
  getHistory(
    pipelineId: string,
    range: HistoryRange,
    now: number,
  ): Promise<PipelineHistory>;
  /** Downsamples old samples and deletes expired ones, in bounded batches. */
  compact(now: number): Promise<CompactionResult>;
}

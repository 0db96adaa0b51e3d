export * from './types';
export {
  KnexHistoryStore,
  type KnexHistoryStoreOptions,
} from './KnexHistoryStore';
export { connectDatabase, migrateDatabase } from './migrateDatabase';
export {
  HISTORY_RANGE_MS,
  METRICS,
  bucketStart,
  downsampleBefore,
  expireBefore,
  historyResolutionMs,
  mergeBuckets,
  type Bucket,
  type MetricKey,
} from './downsample';

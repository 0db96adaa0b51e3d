export * from './OffsetSampleRing';
export * from './estimateLagSeconds';
export * from './evaluatePartitionStatus';
export * from './aggregateLag';

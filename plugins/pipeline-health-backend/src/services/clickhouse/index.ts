export * from './ClickHouseQueryPort';
export * from './ClickHouseMetricsReader';
export * from './ClickHouseCollector';
export * from './latencyHistogram';

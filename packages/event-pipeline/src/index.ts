/**
 * Reference event pipeline: load generator and zero-loss ingester (Kafka -> ClickHouse).
 * The CLIs live in src/cli; these exports let tests, benchmarks and other packages reuse
 * the parts.
 */
export * from './errors';
export * from './events/EventSchema';
export * from './kafka/EventLog';
export * from './kafka/KafkajsEventLog';
export * from './clickhouse/EventStore';
export * from './clickhouse/ClickHouseEventStore';
export * from './clickhouse/sql';
export * from './ingester/BatchPolicy';
export * from './ingester/Backoff';
export * from './ingester/Ingester';
export * from './loadgen/EventFactory';
export * from './loadgen/LoadGenerator';
export * from './loadgen/RatePacer';
export * from './config/IngesterConfig';
export * from './config/LoadgenConfig';
export * from './logging/Logger';
export * from './stats/LatencyHistogram';
export * from './stats/percentiles';
export * from './ingester/connectIngester';
export * from './loadgen/connectLoadGenerator';

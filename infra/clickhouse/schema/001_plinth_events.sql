-- Schema for the reference event pipeline (Kafka -> ingester -> ClickHouse).
-- Applied by infra/clickhouse/clickhouse.sh on every `up` as the admin user: every statement
-- is idempotent (IF NOT EXISTS). Runs on Debian's ClickHouse 18.16 and on current releases:
-- millisecond timestamps are UInt64 epoch-ms (no DateTime64), no TTL, no LowCardinality.
-- 18.16 has no `ADD COLUMN IF NOT EXISTS`: a column added to a table that already shipped goes
-- into the CREATE TABLE below (new servers) and into a schema/*.columns file (existing servers;
-- clickhouse.sh adds it when system.columns lacks it).

CREATE DATABASE IF NOT EXISTS plinth_events;

-- One row per delivered event. Delivery is at-least-once, so an event can arrive twice
-- (ingester crash after insert, before the offset commit). ReplacingMergeTree collapses
-- rows with the same ORDER BY key (tenant, event_id) within a partition during background
-- merges, keeping the highest ingested_at_ms; until then read exact numbers with FINAL or
-- uniqExact(event_id). The partition key uses occurred_at_ms (a property of the event,
-- identical across redeliveries) so duplicates always land in the same partition; a key on
-- ingested_at_ms could split them across midnight and they would never merge.
-- Latency = ingested_at_ms - occurred_at_ms. Windowed queries should also bound
-- occurred_at_ms so ClickHouse can skip old partitions.
CREATE TABLE IF NOT EXISTS plinth_events.events
(
    event_id String,
    type String,
    source String,
    tenant String,
    occurred_at_ms UInt64,
    ingested_at_ms UInt64,
    payload String,
    topic String,
    kafka_partition UInt32,
    kafka_offset UInt64
)
ENGINE = ReplacingMergeTree(ingested_at_ms)
PARTITION BY toYYYYMMDD(toDateTime(intDiv(occurred_at_ms, 1000), 'UTC'))
ORDER BY (tenant, event_id);

-- One row per partition range of an acknowledged ingester insert (written after ClickHouse
-- acknowledged the events insert, before the Kafka offset commit): throughput and latency
-- without scanning events. committed_at_ms is the acknowledgement time, so the latencies
-- here are "occurred -> in ClickHouse". avg latency over a window =
-- sum(sum_latency_ms) / sum(rows); quantiles over a window from the histogram:
-- sumForEach(latency_counts) with the bucket upper bounds in latency_bounds_ms (inclusive,
-- one fewer than counts: the last count is everything above the last bound).
-- Delivery is at-least-once, so a batch redelivered after a crash is counted again.
CREATE TABLE IF NOT EXISTS plinth_events.ingest_batches
(
    batch_id String,
    ingester_id String,
    committed_at_ms UInt64,
    topic String,
    kafka_partition UInt32,
    first_offset UInt64,
    last_offset UInt64,
    rows UInt64,
    min_latency_ms UInt64,
    max_latency_ms UInt64,
    sum_latency_ms UInt64,
    insert_duration_ms UInt64,
    latency_bounds_ms Array(UInt64),
    latency_counts Array(UInt64)
)
ENGINE = MergeTree()
PARTITION BY toYYYYMMDD(toDateTime(intDiv(committed_at_ms, 1000), 'UTC'))
ORDER BY (committed_at_ms, kafka_partition);

-- One row per message the ingester sent to the dead-letter topic, so the dashboard can count
-- and group them by reason without reading Kafka. event_id is '' when it could not be parsed.
CREATE TABLE IF NOT EXISTS plinth_events.dead_letters
(
    dead_lettered_at_ms UInt64,
    reason String,
    error String,
    event_id String,
    topic String,
    kafka_partition UInt32,
    kafka_offset UInt64
)
ENGINE = MergeTree()
PARTITION BY toYYYYMMDD(toDateTime(intDiv(dead_lettered_at_ms, 1000), 'UTC'))
ORDER BY (dead_lettered_at_ms, kafka_partition, kafka_offset);

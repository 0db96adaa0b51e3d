-- The table ${{ values.name }} fills. Runs on ClickHouse 18.16 and on current releases:
-- millisecond timestamps are UInt64 epoch-ms (no DateTime64), no LowCardinality.
-- Delivery is at-least-once (a crash after the insert and before the offset commit
-- re-inserts the batch), so ReplacingMergeTree collapses rows with the same event_id;
-- read exact numbers with FINAL or uniqExact(event_id). The partition key uses the event's
-- own time, identical across redeliveries, so duplicates always land in one partition.
CREATE DATABASE IF NOT EXISTS ${{ values.database }};

CREATE TABLE IF NOT EXISTS ${{ values.database }}.${{ values.table }}
(
    event_id String,
    type String,
    occurred_at_ms UInt64,
    ingested_at_ms UInt64,
    payload String,
    kafka_partition UInt32,
    kafka_offset UInt64
)
ENGINE = ReplacingMergeTree(ingested_at_ms)
PARTITION BY toYYYYMM(toDateTime(intDiv(occurred_at_ms, 1000), 'UTC'))
ORDER BY (type, event_id);

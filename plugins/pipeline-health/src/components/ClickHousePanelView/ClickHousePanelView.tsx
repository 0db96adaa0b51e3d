import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type {
  ClickHouseMetrics,
  ClickHousePanel,
} from '@plinth/plugin-pipeline-health-common';
import {
  formatBytes,
  formatCount,
  formatDurationMs,
  formatRate,
  formatWindow,
} from '../../format';
import { SourceStateNotice } from '../SourceStateNotice';

/** ClickHouse's MergeTree defaults: parts_to_delay_insert, a warning level, parts_to_throw_insert. */
const PARTS_THRESHOLDS = { delay: 300, warn: 1_000, reject: 3_000 };

const PARTS_TEXT: Record<ClickHouseMetrics['partsStatus'], string> = {
  ok: `OK: below ${PARTS_THRESHOLDS.delay}, where ClickHouse starts delaying inserts`,
  'delaying-inserts': `Delaying inserts: at or above ${PARTS_THRESHOLDS.delay} parts in one partition`,
  warning: `Warning: at or above ${formatCount(
    PARTS_THRESHOLDS.warn,
  )} parts; merges are falling behind`,
  'rejecting-inserts': `Rejecting inserts: at or above ${formatCount(
    PARTS_THRESHOLDS.reject,
  )} parts ("Too many parts")`,
};

const ms = (value: number | undefined) =>
  value === undefined ? 'no data' : formatDurationMs(value);

const Row = ({ label, children }: { label: string; children: string }) => (
  <TableRow>
    <TableCell component="th" scope="row">
      {label}
    </TableCell>
    <TableCell>{children}</TableCell>
  </TableRow>
);

const MetricsTable = ({
  table,
  metrics,
}: {
  table: string;
  metrics: ClickHouseMetrics;
}) => {
  const flush = formatDurationMs(metrics.queryLogFlushIntervalMs);
  return (
    <>
      <Table size="small" aria-label={`ClickHouse metrics of ${table}`}>
        <TableBody>
          <Row label="Window">{formatWindow(metrics.window)}</Row>
          <Row label="Ingestion latency P50 / P95 / P99">
            {`${ms(metrics.ingestionLatencyMs.p50)} / ${ms(
              metrics.ingestionLatencyMs.p95,
            )} / ${ms(metrics.ingestionLatencyMs.p99)}`}
          </Row>
          <Row label="Events per second">
            {`${formatRate(metrics.eventsPerSecond)} (${formatCount(
              metrics.eventsInWindow,
            )} in the window)`}
          </Row>
          <Row label="Freshness">
            {metrics.freshnessMs === undefined
              ? 'no events in the table'
              : `${formatDurationMs(
                  metrics.freshnessMs,
                )} since the newest event`}
          </Row>
          <Row label="Dead letters">
            {`${formatRate(metrics.deadLettersPerMinute)}/min (${formatCount(
              metrics.deadLettersInWindow,
            )} in the window)${
              metrics.deadLettersByReason.length
                ? `: ${metrics.deadLettersByReason
                    .map(r => `${r.reason} ${formatCount(r.count)}`)
                    .join(', ')}`
                : ''
            }`}
          </Row>
          <Row label="Rows / on disk">
            {`${formatCount(metrics.rows)} rows, ${formatBytes(
              metrics.bytesOnDisk,
            )}`}
          </Row>
          <Row label="Active parts (largest partition)">
            {`${formatCount(metrics.maxActivePartsPerPartition)} — ${
              PARTS_TEXT[metrics.partsStatus]
            } (thresholds ${PARTS_THRESHOLDS.delay} / ${formatCount(
              PARTS_THRESHOLDS.warn,
            )} / ${formatCount(PARTS_THRESHOLDS.reject)})`}
          </Row>
          <Row label="Analytics query latency P50 / P99">
            {metrics.queryLatencyMs.queries === 0
              ? 'no queries in the window'
              : `${ms(metrics.queryLatencyMs.p50)} / ${ms(
                  metrics.queryLatencyMs.p99,
                )} over ${formatCount(metrics.queryLatencyMs.queries)} ${
                  metrics.queryLatencyMs.queries === 1 ? 'query' : 'queries'
                }`}
          </Row>
        </TableBody>
      </Table>
      <Typography variant="body2" color="text.secondary">
        Query latency lags up to {flush}: ClickHouse flushes system.query_log
        every {flush}.
      </Typography>
    </>
  );
};

/**
 * The ClickHouse side of a pipeline: every metric of the last reading. When the server is
 * unavailable the last reading stays, labelled with the source's state.
 */
export const ClickHousePanelView = ({ panel }: { panel: ClickHousePanel }) => (
  <Stack gap={1}>
    <Typography variant="body2">
      Table <code>{panel.table}</code>
    </Typography>
    <SourceStateNotice
      name={`ClickHouse (${panel.table})`}
      source={panel.source}
    />
    {panel.metrics ? (
      <MetricsTable table={panel.table} metrics={panel.metrics} />
    ) : (
      <Alert severity="info" variant="outlined">
        No reading from ClickHouse yet.
      </Alert>
    )}
  </Stack>
);

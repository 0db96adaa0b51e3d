import { useState } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import {
  HISTORY_RANGES,
  type HistoryRange,
} from '@plinth/plugin-pipeline-health-common';
import { pipelineHealthApiRef } from '../../api';
import { formatCount, formatDurationMs, formatRate } from '../../format';
import { useLiveResource } from '../../hooks/useLiveResource';
import type { ChartSeries } from './chartData';
import { TimeSeriesChart } from './TimeSeriesChart';

const RANGE_LABELS: Record<HistoryRange, string> = {
  '1h': '1 hour',
  '6h': '6 hours',
  '24h': '24 hours',
};

const LAG_SERIES: ChartSeries[] = [
  {
    field: 'lagMessages',
    label: 'Lag (messages)',
    unit: 'messages',
    format: formatCount,
    color: '#1f77b4',
  },
  {
    field: 'lagSeconds',
    label: 'Lag (time)',
    unit: 's',
    format: v => formatDurationMs(v * 1_000),
    color: '#d62728',
  },
];

const LATENCY_SERIES: ChartSeries[] = [
  {
    field: 'ingestionP50Ms',
    label: 'Ingestion P50',
    unit: 'ms',
    format: formatDurationMs,
    color: '#2ca02c',
  },
  {
    field: 'ingestionP99Ms',
    label: 'Ingestion P99',
    unit: 'ms',
    format: formatDurationMs,
    color: '#9467bd',
  },
];

const THROUGHPUT_SERIES: ChartSeries[] = [
  {
    field: 'eventsPerSecond',
    label: 'Events per second',
    unit: 'events/s',
    format: v => `${formatRate(v)}/s`,
    color: '#ff7f0e',
  },
];

/** Lag, ingestion latency and throughput over 1 h, 6 h or 24 h, from the stored history. */
export const HistoryCharts = ({ pipelineId }: { pipelineId: string }) => {
  const api = useApi(pipelineHealthApiRef);
  const [range, setRange] = useState<HistoryRange>('1h');
  const { value, error, loading } = useLiveResource(
    () => api.getHistory(pipelineId, range),
    `${pipelineId}:${range}`,
  );

  let body;
  if (loading) {
    body = <Progress />;
  } else if (!value) {
    body = (
      <ResponseErrorPanel
        title="Could not load the history"
        error={error ?? new Error('No answer')}
      />
    );
  } else if (value.points.length === 0) {
    body = (
      <Alert severity="info" variant="outlined">
        No history in the last {RANGE_LABELS[range]} yet: points are stored
        after every poll.
      </Alert>
    );
  } else {
    const rangeLabel = RANGE_LABELS[range];
    body = (
      <Stack gap={3}>
        <Typography variant="body2" color="text.secondary">
          {formatCount(value.points.length)} points, one every{' '}
          {formatDurationMs(value.resolutionMs)}.
        </Typography>
        <TimeSeriesChart
          title="Consumer lag"
          rangeLabel={rangeLabel}
          points={value.points}
          series={LAG_SERIES}
        />
        <TimeSeriesChart
          title="Ingestion latency"
          rangeLabel={rangeLabel}
          points={value.points}
          series={LATENCY_SERIES}
        />
        <TimeSeriesChart
          title="Throughput"
          rangeLabel={rangeLabel}
          points={value.points}
          series={THROUGHPUT_SERIES}
        />
      </Stack>
    );
  }

  return (
    <Stack gap={2}>
      <ToggleButtonGroup
        value={range}
        exclusive
        size="small"
        aria-label="History range"
        onChange={(_e, next: HistoryRange | null) => {
          // Clicking the selected button again would deselect it; keep one range.
          if (next) setRange(next);
        }}
      >
        {HISTORY_RANGES.map(r => (
          <ToggleButton
            key={r}
            value={r}
            aria-label={`Last ${RANGE_LABELS[r]}`}
          >
            {r.replace('h', ' h')}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {body}
    </Stack>
  );
};

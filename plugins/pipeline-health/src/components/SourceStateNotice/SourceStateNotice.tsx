import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import type { SourceState } from '@plinth/plugin-pipeline-health-common';
import { formatTime } from '../../format';

/**
 * A source that is not ok, with its error and its last success; nothing when it is ok.
 * Each source reports on its own, so Kafka being down never hides ClickHouse's numbers.
 */
export const SourceStateNotice = ({
  name,
  source,
}: {
  /** "Kafka (local)", "ClickHouse (analytics.events)". */
  name: string;
  source: SourceState;
}) => {
  if (source.state === 'ok') return null;
  const unavailable = source.state === 'unavailable';
  return (
    <Alert severity={unavailable ? 'error' : 'warning'} variant="outlined">
      <AlertTitle>
        {name} {unavailable ? 'unavailable' : 'degraded'}
      </AlertTitle>
      {source.error ?? 'No error message was reported.'}{' '}
      {source.lastSuccessAt
        ? `Last success ${formatTime(source.lastSuccessAt)}.`
        : 'Never polled successfully.'}
    </Alert>
  );
};

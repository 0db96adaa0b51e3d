import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  SLO_DEFINITIONS,
  type Incident,
} from '@plinth/plugin-pipeline-health-common';
import { formatDurationMs, formatSloValue, formatTime } from '../../format';
import { StatusChip } from '../StatusChip';

const IncidentItem = ({ incident }: { incident: Incident }) => {
  const definition = SLO_DEFINITIONS[incident.slo];
  const open = !incident.resolvedAt;
  const duration = incident.resolvedAt
    ? formatDurationMs(
        Date.parse(incident.resolvedAt) - Date.parse(incident.startedAt),
      )
    : undefined;
  return (
    <Box
      component="li"
      sx={{
        borderLeft: 3,
        borderColor: open ? 'error.main' : 'divider',
        pl: 2,
        pb: 2,
      }}
    >
      <Stack direction="row" gap={1} alignItems="center" flexWrap="wrap">
        <Typography variant="subtitle2" component="h3">
          {definition.title}
        </Typography>
        {open ? (
          <StatusChip status="breach" />
        ) : (
          <Typography variant="body2" color="text.secondary">
            Resolved after {duration}
          </Typography>
        )}
      </Stack>
      <Typography variant="body2">
        Started {formatTime(incident.startedAt)}
        {incident.notifiedAt
          ? ` · notified ${formatTime(incident.notifiedAt)}`
          : ' · not notified (breach shorter than the alerting delay)'}
        {incident.resolvedAt
          ? ` · resolved ${formatTime(incident.resolvedAt)}`
          : ''}
      </Typography>
      <Typography variant="body2">
        Worst{' '}
        {incident.worstValue === undefined
          ? 'value not recorded'
          : formatSloValue(incident.worstValue, definition.unit)}{' '}
        against the objective &lt;{' '}
        {formatSloValue(incident.target, definition.unit)}
      </Typography>
      {incident.notified && (
        <Typography variant="body2" color="text.secondary">
          Notified {incident.notified.recipients}
          {incident.notified.tier ? `, naming ${incident.notified.tier}` : ''}
        </Typography>
      )}
    </Box>
  );
};

/** Breaches and recoveries of the pipeline's SLOs (the client asks for the last 24 h), newest first. */
export const IncidentTimeline = ({ incidents }: { incidents: Incident[] }) => {
  if (incidents.length === 0) {
    return (
      <Typography variant="body2">
        No SLO breach in the last 24 hours.
      </Typography>
    );
  }
  const newestFirst = [...incidents].sort(
    (a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt),
  );
  return (
    <Box
      component="ol"
      aria-label="Incidents, newest first"
      sx={{ listStyle: 'none', m: 0, p: 0 }}
    >
      {newestFirst.map(incident => (
        <IncidentItem key={incident.id} incident={incident} />
      ))}
    </Box>
  );
};

import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Stack from '@mui/material/Stack';
// Contacts must look and link exactly as on the ownership pages; ownership exports these
// presentational pieces until they move to a shared -react package.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { ContactLink } from '@plinth/plugin-ownership';
import {
  SLO_DEFINITIONS,
  type PipelineDetail,
} from '@plinth/plugin-pipeline-health-common';
import { formatSloValue, formatTime } from '../../format';

/**
 * At the top of a breached pipeline: since when, and whom to call, before any chart.
 */
export const OpenIncidentsBanner = ({
  pipeline,
}: {
  pipeline: PipelineDetail;
}) => {
  if (pipeline.status !== 'breach' || pipeline.openIncidents.length === 0) {
    return null;
  }
  const tier = pipeline.escalation?.tier;
  const callWhom = tier ? `call ${tier.name}` : `call ${pipeline.owner}`;
  return (
    <Stack gap={1} role="group" aria-label="Open incidents">
      {pipeline.openIncidents.map(incident => {
        const definition = SLO_DEFINITIONS[incident.slo];
        return (
          <Alert key={incident.id} severity="error" variant="filled">
            <AlertTitle>
              {definition.title} in breach since{' '}
              {formatTime(incident.startedAt)} — {callWhom}
            </AlertTitle>
            {incident.worstValue !== undefined &&
              `Worst ${formatSloValue(
                incident.worstValue,
                definition.unit,
              )} against < ${formatSloValue(
                incident.target,
                definition.unit,
              )}. `}
            {incident.notifiedAt
              ? `The owner was notified ${formatTime(incident.notifiedAt)}.`
              : 'The owner is notified once the breach lasts the alerting delay.'}
            {tier && tier.contacts.length > 0 && (
              <Stack gap={0.5} sx={{ mt: 1 }}>
                {tier.contacts.map((contact, i) => (
                  <ContactLink key={i} contact={contact} />
                ))}
              </Stack>
            )}
          </Alert>
        );
      })}
    </Stack>
  );
};

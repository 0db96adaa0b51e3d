import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
// Contacts must look and link exactly as on the ownership pages; ownership exports these
// presentational pieces until they move to a shared -react package.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { ContactLink, EscalationHoursLabel } from '@plinth/plugin-ownership';
import type { PipelineDetail } from '@plinth/plugin-pipeline-health-common';

/**
 * The owner and the first tier of the owner's escalation policy: who is paged when an SLO
 * stays in breach. Contacts render as in the ownership plugin's Who-to-call card.
 */
export const WhoToCallPanel = ({ pipeline }: { pipeline: PipelineDetail }) => {
  const { escalation } = pipeline;
  return (
    <Stack gap={1}>
      <Typography variant="body2">
        <strong>Owner: </strong>
        <EntityRefLink entityRef={pipeline.owner} defaultKind="group" />
      </Typography>
      {pipeline.entityRef && (
        <Typography variant="body2">
          <strong>Component: </strong>
          <EntityRefLink entityRef={pipeline.entityRef} />
        </Typography>
      )}
      {escalation ? (
        <>
          <Typography variant="body2">
            <strong>Policy: </strong>
            <EntityRefLink entityRef={escalation.policyRef} />
          </Typography>
          <Stack direction="row" gap={1} alignItems="center" flexWrap="wrap">
            <Typography variant="subtitle2" component="span">
              First tier: {escalation.tier.name}
            </Typography>
            <EscalationHoursLabel hours={escalation.tier.hours} />
          </Stack>
          {escalation.tier.contacts.length === 0 ? (
            <Typography variant="body2" color="error">
              No contact on this tier
            </Typography>
          ) : (
            <Stack
              gap={0.5}
              role="group"
              aria-label={`Contacts of ${escalation.tier.name}`}
            >
              {escalation.tier.contacts.map((contact, i) => (
                <ContactLink key={i} contact={contact} />
              ))}
            </Stack>
          )}
        </>
      ) : (
        <Alert severity="warning" variant="outlined">
          <AlertTitle>
            No escalation policy for {pipeline.owner}: add one
          </AlertTitle>
          Nobody is paged on a breach until the owner has an EscalationPolicy.
          See the <Link to="/ownership">Ownership page</Link> for the teams
          without one and how to add it.
        </Alert>
      )}
    </Stack>
  );
};

import useAsync from 'react-use/esm/useAsync';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  ANNOTATION_ESCALATION_POLICY,
  isNotFoundResponse,
  type CoverageFinding,
  type EntityEscalation,
  type EscalationTier,
  type ServiceTier,
} from '@plinth/plugin-ownership-common';
import { ownershipApiRef } from '../../api';
import { useSnapshotRefresh } from '../../hooks/useSnapshotRefresh';
import { ContactLink } from '../ContactLink';
import { EscalationHoursLabel } from '../EscalationHoursLabel';

const TITLE = 'Who to call';

const SOURCE_LABELS = {
  annotation: `set by the ${ANNOTATION_ESCALATION_POLICY} annotation`,
  'owner-group': "the owning team's policy",
  none: '',
};

const TierStep = ({
  tier,
  serviceTier,
}: {
  tier: EscalationTier;
  serviceTier?: ServiceTier;
}) => {
  const minutes = serviceTier ? tier.responseMinutes[serviceTier] : undefined;
  return (
    <Box component="li" sx={{ mb: 1.5 }}>
      <Stack direction="row" gap={1} alignItems="center" flexWrap="wrap">
        <Typography variant="subtitle2" component="span">
          {tier.level}. {tier.name}
        </Typography>
        <EscalationHoursLabel hours={tier.hours} />
        {minutes !== undefined && (
          <Typography variant="body2" component="span">
            responds within {minutes} min
          </Typography>
        )}
        {minutes === undefined && serviceTier && (
          <Typography variant="body2" component="span" color="error">
            no response target for {serviceTier}
          </Typography>
        )}
      </Stack>
      {tier.contacts.length === 0 ? (
        <Typography variant="body2" color="error">
          No contact on this tier
        </Typography>
      ) : (
        <Stack gap={0.5} sx={{ mt: 0.5 }}>
          {tier.contacts.map((contact, i) => (
            <ContactLink key={i} contact={contact} />
          ))}
        </Stack>
      )}
    </Box>
  );
};

const Findings = ({ findings }: { findings: CoverageFinding[] }) =>
  findings.length === 0 ? null : (
    <Stack gap={1} sx={{ mt: 2 }} aria-label="Gaps">
      {findings.map(finding => (
        <Alert
          key={`${finding.type}:${finding.entityRef}`}
          severity={finding.severity}
          variant={finding.severity === 'error' ? 'filled' : 'standard'}
        >
          {finding.message}
        </Alert>
      ))}
    </Stack>
  );

/** The escalation of one entity: owner, policy, the ladder in calling order and its gaps. */
export const EscalationDetails = ({
  escalation,
}: {
  escalation: EntityEscalation;
}) => {
  const { row, findings } = escalation;
  const tiers = [...row.tiers].sort((a, b) => a.level - b.level);
  return (
    <>
      <Stack gap={0.5} sx={{ mb: 2 }}>
        <Typography variant="body2">
          <strong>Owner: </strong>
          {row.ownerRef ? (
            <EntityRefLink
              entityRef={row.ownerRef}
              defaultKind="group"
              title={row.ownerTitle}
            />
          ) : (
            <Box component="span" sx={{ color: 'error.main' }}>
              none
            </Box>
          )}
        </Typography>
        <Typography variant="body2">
          <strong>Service tier: </strong>
          {row.tier ?? 'not set'}
          {row.firstResponseMinutes !== undefined &&
            ` · first response within ${row.firstResponseMinutes} min`}
        </Typography>
        {row.policyRef && (
          <Typography variant="body2">
            <strong>Policy: </strong>
            <EntityRefLink entityRef={row.policyRef} /> (
            {SOURCE_LABELS[row.policySource]})
          </Typography>
        )}
      </Stack>
      {tiers.length === 0 ? (
        <Alert severity="error" variant="outlined">
          <AlertTitle>No escalation policy covers this entity</AlertTitle>
          Add an EscalationPolicy owned by {row.ownerRef ?? 'the owning team'},
          or name one in catalog-info.yaml with the annotation{' '}
          <code>{ANNOTATION_ESCALATION_POLICY}: &lt;policy-name&gt;</code>.
        </Alert>
      ) : (
        <Box
          component="ol"
          aria-label="Escalation tiers in calling order"
          sx={{ pl: 0, listStyle: 'none', m: 0 }}
        >
          {tiers.map(tier => (
            <TierStep key={tier.level} tier={tier} serviceTier={row.tier} />
          ))}
        </Box>
      )}
      <Findings findings={findings} />
    </>
  );
};

/** Entity card on component, API and resource pages. */
export const WhoToCallCard = () => {
  const { entity } = useEntity();
  const api = useApi(ownershipApiRef);
  const entityRef = stringifyEntityRef(entity);
  const refresh = useSnapshotRefresh();
  const { value, loading, error } = useAsync(
    () => api.getEntityEscalation(entityRef),
    [api, entityRef],
  );

  let body;
  if (isNotFoundResponse(error)) {
    body = (
      <Alert severity="info">
        <AlertTitle>Not in the ownership snapshot yet</AlertTitle>
        The ownership matrix is recomputed from the catalog {refresh}. Reload
        the page shortly; if it stays missing, check that the entity was
        ingested without errors.
      </Alert>
    );
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (loading || !value) {
    body = <Progress />;
  } else {
    body = <EscalationDetails escalation={value} />;
  }
  return <InfoCard title={TITLE}>{body}</InfoCard>;
};

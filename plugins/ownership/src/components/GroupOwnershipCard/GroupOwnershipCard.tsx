import useAsync from 'react-use/esm/useAsync';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  isNotFoundResponse,
  type GroupOwnership,
} from '@plinth/plugin-ownership-common';
import { ownershipApiRef } from '../../api';
import { useSnapshotRefresh } from '../../hooks/useSnapshotRefresh';
import { rootRouteRef } from '../../routes';
import { FindingChip } from '../FindingChip';

const TITLE = 'Ownership and escalation';

export const GroupOwnershipDetails = ({
  ownership,
}: {
  ownership: GroupOwnership;
}) => {
  const matrixRoute = useRouteRef(rootRouteRef);
  const errors = ownership.findings.filter(f => f.severity === 'error').length;
  const warnings = ownership.findings.length - errors;
  const matrixLink = matrixRoute
    ? `${matrixRoute()}?${new URLSearchParams({ owner: ownership.groupRef })}`
    : undefined;
  const owned = [...ownership.owned].sort(
    (a, b) =>
      (a.tier ?? 'tier-9').localeCompare(b.tier ?? 'tier-9') ||
      a.name.localeCompare(b.name),
  );

  return (
    <Stack gap={2}>
      <div>
        <Typography variant="subtitle2">Escalation policy</Typography>
        {ownership.policyRefs.length === 0 ? (
          <Alert severity="error" variant="filled">
            This team has no escalation policy. Add an EscalationPolicy with
            spec.owner: {ownership.groupRef} to the catalog.
          </Alert>
        ) : (
          <Stack direction="row" gap={1} flexWrap="wrap">
            {ownership.policyRefs.map(ref => (
              <EntityRefLink key={ref} entityRef={ref} />
            ))}
          </Stack>
        )}
      </div>
      <Stack direction="row" gap={1} alignItems="center" flexWrap="wrap">
        <Chip
          size="small"
          color={errors ? 'error' : 'success'}
          label={`${errors} ${errors === 1 ? 'gap' : 'gaps'}`}
        />
        <Chip
          size="small"
          color={warnings ? 'warning' : 'default'}
          variant="outlined"
          label={`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`}
        />
        {matrixLink && (
          <Link to={matrixLink}>Open in the ownership matrix</Link>
        )}
      </Stack>
      {owned.length === 0 ? (
        <EmptyState
          missing="data"
          title="This team owns no components, APIs or resources"
          description={`Set spec.owner: ${ownership.groupRef} in the catalog-info.yaml of what the team runs.`}
        />
      ) : (
        <List dense aria-label="Owned entities" disablePadding>
          {owned.map(row => (
            <ListItem key={row.entityRef} disableGutters divider>
              <Stack
                direction="row"
                gap={1}
                alignItems="center"
                flexWrap="wrap"
                sx={{ width: '100%' }}
              >
                <EntityRefLink entityRef={row.entityRef} title={row.title} />
                <Chip size="small" label={row.tier ?? 'no tier'} />
                {row.findings.map(type => (
                  <FindingChip key={type} type={type} />
                ))}
              </Stack>
            </ListItem>
          ))}
        </List>
      )}
    </Stack>
  );
};

/** Entity card on group pages: what the team owns, its policy and its gaps. */
export const GroupOwnershipCard = () => {
  const { entity } = useEntity();
  const api = useApi(ownershipApiRef);
  const groupRef = stringifyEntityRef(entity);
  const refresh = useSnapshotRefresh();
  const { value, loading, error } = useAsync(
    () => api.getGroupOwnership(groupRef),
    [api, groupRef],
  );

  let body;
  if (isNotFoundResponse(error)) {
    body = (
      <EmptyState
        missing="info"
        title="Not in the ownership snapshot yet"
        description={`The ownership matrix is recomputed from the catalog ${refresh}. Reload the page shortly.`}
      />
    );
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (loading || !value) {
    body = <Progress />;
  } else {
    body = <GroupOwnershipDetails ownership={value} />;
  }
  return <InfoCard title={TITLE}>{body}</InfoCard>;
};

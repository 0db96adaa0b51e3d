import {
  Content,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { FamilySummary } from '@plinth/plugin-api-governance-common';
import useAsync from 'react-use/esm/useAsync';
import { allPages, apiGovernanceApiRef } from '../../api';
import { familyRouteRef } from '../../routes';
import { VersionTimeline } from '../VersionTimeline';
import { NoFamilies } from './NoFamilies';

/** A count as a chip with its meaning in words; red when something needs attention. */
export const CountChip = ({
  count,
  label,
  alarming,
}: {
  count: number;
  label: string;
  alarming?: boolean;
}) => (
  <Chip
    size="small"
    variant="outlined"
    color={alarming && count > 0 ? 'error' : 'default'}
    label={`${count} ${label}`}
  />
);

const FamilyCard = ({ family }: { family: FamilySummary }) => {
  const familyLink = useRouteRef(familyRouteRef);
  return (
    <Paper
      component="section"
      aria-label={family.title}
      variant="outlined"
      sx={{ p: 2 }}
      data-testid={`family-${family.name}`}
    >
      <Stack gap={1.5}>
        <Stack direction="row" gap={2} alignItems="baseline" flexWrap="wrap">
          <Typography variant="h6" component="h2">
            {familyLink ? (
              <Link to={familyLink({ family: family.name })}>
                {family.title}
              </Link>
            ) : (
              family.title
            )}
          </Typography>
          {family.owner && (
            <Typography variant="body2">
              Owner:{' '}
              <EntityRefLink entityRef={family.owner} defaultKind="group" />
            </Typography>
          )}
        </Stack>
        <Stack
          direction="row"
          gap={1}
          flexWrap="wrap"
          aria-label={`Counts for ${family.title}`}
          role="group"
        >
          <CountChip
            count={family.counts.violations}
            label={
              family.counts.violations === 1
                ? 'policy violation'
                : 'policy violations'
            }
            alarming
          />
          <CountChip
            count={family.counts.breakingChanges}
            label={
              family.counts.breakingChanges === 1
                ? 'breaking change'
                : 'breaking changes'
            }
            alarming
          />
          <CountChip
            count={family.counts.lintErrors}
            label={
              family.counts.lintErrors === 1 ? 'lint error' : 'lint errors'
            }
            alarming
          />
          <CountChip
            count={family.counts.consumers}
            label={family.counts.consumers === 1 ? 'consumer' : 'consumers'}
          />
        </Stack>
        <VersionTimeline family={family.title} lines={family.lines} />
      </Stack>
    </Paper>
  );
};

/** The API versions page: every family with its timeline, lifecycles, sunsets and counts. */
export const ApiVersionsPage = () => {
  const api = useApi(apiGovernanceApiRef);
  const { value, loading, error } = useAsync(
    () => allPages(pageToken => api.listFamilies({ pageSize: 100, pageToken })),
    [api],
  );

  if (loading) return <Progress />;
  if (error || !value) {
    return (
      <Content>
        <ResponseErrorPanel
          title="Could not load the API families"
          error={
            error ?? new Error('No answer from the api-governance backend')
          }
        />
      </Content>
    );
  }
  if (value.items.length === 0) {
    return (
      <Content>
        <NoFamilies />
      </Content>
    );
  }
  return (
    <Content>
      <Stack gap={2}>
        {value.truncated && (
          <Alert severity="warning">
            Showing the first {value.items.length} families only.
          </Alert>
        )}
        {value.items.map(family => (
          <FamilyCard key={family.name} family={family} />
        ))}
      </Stack>
    </Content>
  );
};

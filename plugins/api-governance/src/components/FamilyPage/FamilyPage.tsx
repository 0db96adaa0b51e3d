import {
  Content,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import {
  VIOLATION_RULES,
  type FamilyTimeline,
  type LineDiffSummary,
  type PolicyViolation,
} from '@plinth/plugin-api-governance-common';
import useAsync from 'react-use/esm/useAsync';
import { apiGovernanceApiRef } from '../../api';
import { useParams } from 'react-router-dom';
import { diffRouteRef } from '../../routes';
import { CountChip } from '../ApiVersionsPage';
import { VersionTimeline } from '../VersionTimeline';
import { ConsumerImpactTable } from './ConsumerImpactTable';

/** `?from=&to=` of the diff page for two lines. */
export function diffSearch(base: string, head: string): string {
  return `?from=${encodeURIComponent(base)}&to=${encodeURIComponent(head)}`;
}

const DiffSummary = ({
  family,
  diff,
}: {
  family: string;
  diff: LineDiffSummary;
}) => {
  const diffLink = useRouteRef(diffRouteRef);
  if (diff.problem) {
    return (
      <Typography variant="body2" color="error" sx={{ maxWidth: 220 }}>
        Not compared: {diff.problem.message}
      </Typography>
    );
  }
  const changes = diff.changes;
  return (
    <Stack gap={0.5} sx={{ maxWidth: 220 }}>
      {changes && (
        <Typography variant="body2">
          <Box
            component="span"
            sx={{
              color: changes.breaking ? 'error.main' : undefined,
              fontWeight: 600,
            }}
          >
            {changes.breaking} breaking
          </Box>
          , {changes.potentiallyBreaking} potentially breaking,{' '}
          {changes.nonBreaking} non-breaking
        </Typography>
      )}
      {diffLink && (
        <Link
          to={`${diffLink({ family })}${diffSearch(
            diff.baseEntityRef,
            diff.headEntityRef,
          )}`}
        >
          View changes
        </Link>
      )}
    </Stack>
  );
};

const violationOrder = (v: PolicyViolation) => (v.severity === 'error' ? 0 : 1);

const ViolationsTable = ({ violations }: { violations: PolicyViolation[] }) =>
  violations.length === 0 ? (
    <Typography variant="body2">No policy violations.</Typography>
  ) : (
    <Table size="small" aria-label="Policy violations">
      <TableHead>
        <TableRow>
          <TableCell>Severity</TableCell>
          <TableCell>Violation</TableCell>
          <TableCell>Rule</TableCell>
          <TableCell>Entity</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {[...violations]
          .sort((a, b) => violationOrder(a) - violationOrder(b))
          .map((violation, i) => (
            <TableRow key={`${violation.ruleId}:${violation.entityRef}:${i}`}>
              <TableCell>
                <Chip
                  size="small"
                  label={violation.severity}
                  color={violation.severity === 'error' ? 'error' : 'warning'}
                />
              </TableCell>
              <TableCell>{violation.message}</TableCell>
              <TableCell>
                <code title={VIOLATION_RULES[violation.ruleId]?.description}>
                  {violation.ruleId}
                </code>
              </TableCell>
              <TableCell>
                <EntityRefLink entityRef={violation.entityRef} />
              </TableCell>
            </TableRow>
          ))}
      </TableBody>
    </Table>
  );

export const FamilyView = ({ timeline }: { timeline: FamilyTimeline }) => {
  const violations = timeline.lines.flatMap(line => line.violations);
  return (
    <Stack gap={3}>
      <Stack direction="row" gap={2} alignItems="baseline" flexWrap="wrap">
        <Typography variant="h4" component="h1">
          {timeline.title}
        </Typography>
        {timeline.owner && (
          <Typography variant="body2">
            Owner:{' '}
            <EntityRefLink entityRef={timeline.owner} defaultKind="group" />
          </Typography>
        )}
      </Stack>
      <Stack
        direction="row"
        gap={1}
        flexWrap="wrap"
        role="group"
        aria-label="Counts"
      >
        <CountChip
          count={timeline.counts.violations}
          label="policy violations"
          alarming
        />
        <CountChip
          count={timeline.counts.breakingChanges}
          label="breaking changes"
          alarming
        />
        <CountChip
          count={timeline.counts.lintErrors}
          label="lint errors"
          alarming
        />
        <CountChip count={timeline.counts.consumers} label="consumers" />
      </Stack>
      {timeline.ownership === 'unavailable' && (
        <Alert severity="warning">
          The ownership backend did not answer: owners and who to call are
          missing, and the escalation-policy rules were not checked.
        </Alert>
      )}
      <InfoCard title="Version timeline">
        <VersionTimeline
          family={timeline.title}
          lines={timeline.lines}
          between={i => {
            const base = timeline.lines[i].entityRef;
            const head = timeline.lines[i + 1].entityRef;
            const diff = timeline.diffs.find(
              d => d.baseEntityRef === base && d.headEntityRef === head,
            );
            return diff ? (
              <DiffSummary family={timeline.name} diff={diff} />
            ) : null;
          }}
        />
      </InfoCard>
      <InfoCard title="Policy violations">
        <ViolationsTable violations={violations} />
      </InfoCard>
      {[...timeline.lines].reverse().map(line => (
        <Box
          component="section"
          key={line.entityRef}
          aria-label={`Consumer impact: ${line.title ?? line.name}`}
        >
          <InfoCard
            title={`Consumer impact: ${line.title ?? line.name}`}
            subheader={[
              line.lifecycle,
              line.semver && `v${line.semver}`,
              line.lint &&
                `lint: ${line.lint.error} errors, ${line.lint.warning} warnings`,
            ]
              .filter(Boolean)
              .join(' · ')}
          >
            <ConsumerImpactTable line={line} />
          </InfoCard>
        </Box>
      ))}
    </Stack>
  );
};

/** One family: timeline with diffs between lines, policy violations, consumers per line. */
export const FamilyPage = ({ family }: { family: string }) => {
  const api = useApi(apiGovernanceApiRef);
  const { value, loading, error } = useAsync(
    () => api.getFamily(family),
    [api, family],
  );
  if (loading) return <Progress />;
  return (
    <Content>
      {error || !value ? (
        <ResponseErrorPanel
          title={`Could not load the API family ${family}`}
          error={
            error ?? new Error('No answer from the api-governance backend')
          }
        />
      ) : (
        <FamilyView timeline={value} />
      )}
    </Content>
  );
};

/** The family page at `/api-versions/:family` (familyRouteRef). */
export const FamilyRoute = () => {
  const { family } = useParams();
  return <FamilyPage family={family ?? ''} />;
};

import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type {
  LintFinding,
  LintSeverity,
} from '@plinth/plugin-api-governance-common';
import useAsync from 'react-use/esm/useAsync';
import { allPages, apiGovernanceApiRef } from '../../api';
import { operationAnchor, operationOfPointer } from '../../spec/specSheet';

/** The pointer, linked to its operation on the API overview tab when it is in one. */
const Where = ({
  entityRef,
  pointer,
}: {
  entityRef: string;
  pointer: string;
}) => {
  const entityLink = useEntityRefLink();
  const operation = operationOfPointer(pointer);
  const code = <code>{pointer || '/'}</code>;
  if (!operation) return code;
  return (
    <Link
      to={`${entityLink(entityRef)}/api-overview#${operationAnchor(
        operation.method,
        operation.path,
      )}`}
    >
      {code}
    </Link>
  );
};

const SEVERITIES: Array<{
  severity: LintSeverity;
  title: string;
  color: 'error' | 'warning' | 'info';
}> = [
  { severity: 'error', title: 'Errors', color: 'error' },
  { severity: 'warning', title: 'Warnings', color: 'warning' },
  { severity: 'info', title: 'Information', color: 'info' },
];

const FindingsTable = ({
  title,
  findings,
  entityRef,
}: {
  title: string;
  findings: LintFinding[];
  entityRef: string;
}) => (
  <div>
    <Typography variant="h6" component="h3">
      {title} ({findings.length})
    </Typography>
    <Table size="small" aria-label={title}>
      <TableHead>
        <TableRow>
          <TableCell>Rule</TableCell>
          <TableCell>Message</TableCell>
          <TableCell>Where</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {findings.map((finding, i) => (
          <TableRow key={`${finding.ruleId}:${finding.pointer}:${i}`}>
            <TableCell sx={{ fontFamily: 'monospace' }}>
              {finding.ruleId}
            </TableCell>
            <TableCell>{finding.message}</TableCell>
            <TableCell>
              <Where entityRef={entityRef} pointer={finding.pointer} />
              {finding.start && (
                <Typography variant="body2" color="text.secondary">
                  line {finding.start.line}, column {finding.start.column}
                </Typography>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </div>
);

/** The Lint tab: the platform's API guideline findings for this line, by severity. */
export const LintContent = () => {
  const { entity } = useEntity();
  const api = useApi(apiGovernanceApiRef);
  const entityRef = stringifyEntityRef(entity);
  const report = useAsync(async () => {
    let summary: Awaited<ReturnType<typeof api.getLint>>['summary'] | undefined;
    const pages = await allPages(async pageToken => {
      const page = await api.getLint(entityRef, { pageSize: 1000, pageToken });
      summary ??= page.summary;
      return page;
    });
    return { summary: summary!, ...pages };
  }, [api, entityRef]);

  if (report.loading) return <Progress />;
  if (report.error || !report.value) {
    return (
      <ResponseErrorPanel
        title="Could not lint this API"
        error={
          report.error ?? new Error('No answer from the api-governance backend')
        }
      />
    );
  }
  const { summary, items, truncated } = report.value;
  return (
    <Stack gap={2}>
      <Stack direction="row" gap={1} role="group" aria-label="Lint summary">
        {/* Coloured only when there is something to look at. */}
        <Chip
          color={summary.error ? 'error' : 'default'}
          variant={summary.error ? 'filled' : 'outlined'}
          label={`${summary.error} errors`}
        />
        <Chip
          color={summary.warning ? 'warning' : 'default'}
          variant={summary.warning ? 'filled' : 'outlined'}
          label={`${summary.warning} warnings`}
        />
        <Chip
          color={summary.info ? 'info' : 'default'}
          variant="outlined"
          label={`${summary.info} information`}
        />
      </Stack>
      {truncated && (
        <Alert severity="warning">
          Showing the first {items.length} findings only.
        </Alert>
      )}
      {items.length === 0 ? (
        <Alert severity="success">
          No findings: this definition follows the platform&apos;s API
          guidelines.
        </Alert>
      ) : (
        SEVERITIES.map(({ severity, title }) => {
          const findings = items.filter(item => item.severity === severity);
          return findings.length > 0 ? (
            <FindingsTable
              key={severity}
              title={title}
              findings={findings}
              entityRef={entityRef}
            />
          ) : null;
        })
      )}
    </Stack>
  );
};

import {
  Content,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import {
  catalogApiRef,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type {
  ChangeFinding,
  ChangeSeverity,
  LineVersion,
  OperationChanges,
} from '@plinth/plugin-api-governance-common';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { allPages, apiGovernanceApiRef } from '../../api';
import { familyRouteRef } from '../../routes';
import { parseApiDefinition } from '../../spec/parseApiDefinition';
import { readPointer } from '../../spec/refs';
import { operationAnchor } from '../../spec/specSheet';

const SEVERITY: Record<
  ChangeSeverity,
  { label: string; color: 'error' | 'warning' | 'default' }
> = {
  breaking: { label: 'Breaking', color: 'error' },
  'potentially-breaking': { label: 'Potentially breaking', color: 'warning' },
  'non-breaking': { label: 'Non-breaking', color: 'default' },
};

/** Excerpts longer than this are cut; the overview tab has the whole operation. */
const MAX_EXCERPT_CHARS = 3_000;

type Documents = { base?: unknown; head?: unknown };

/** The definitions of both lines, for excerpts at a finding's JSON pointer. */
function useDefinitions(baseRef: string, headRef: string) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<Documents> => {
    const [base, head] = await Promise.all(
      [baseRef, headRef].map(ref => catalogApi.getEntityByRef(ref)),
    );
    const documentOf = (entity: typeof base) => {
      if (!entity) return undefined;
      const parsed = parseApiDefinition(entity);
      return parsed.ok ? parsed.document : undefined;
    };
    return { base: documentOf(base), head: documentOf(head) };
  }, [catalogApi, baseRef, headRef]);
}

function excerptAt(document: unknown, pointer: string): string | undefined {
  const node = readPointer(document, `#${pointer}`);
  if (node === undefined) return undefined;
  const text = JSON.stringify(node, null, 2) ?? String(node);
  return text.length > MAX_EXCERPT_CHARS
    ? `${text.slice(0, MAX_EXCERPT_CHARS)}\n…`
    : text;
}

const Finding = ({
  finding,
  lines,
  documents,
}: {
  finding: ChangeFinding;
  lines: { base: LineVersion; head: LineVersion };
  documents?: Documents;
}) => {
  const entityLink = useEntityRefLink();
  const [open, setOpen] = useState(false);
  const line = lines[finding.location.document];
  const { path, method, pointer } = finding.location;
  const anchor = path && method ? `#${operationAnchor(method, path)}` : '';
  const excerpt = documents
    ? excerptAt(documents[finding.location.document], pointer)
    : undefined;
  const severity = SEVERITY[finding.severity];
  return (
    <Stack component="li" gap={0.5} sx={{ py: 1 }}>
      <Stack direction="row" gap={1} alignItems="center" flexWrap="wrap">
        <Chip size="small" label={severity.label} color={severity.color} />
        <Typography variant="body2">{finding.message}</Typography>
      </Stack>
      <Stack direction="row" gap={1} alignItems="center" flexWrap="wrap">
        <Typography variant="caption" sx={{ fontFamily: 'monospace' }}>
          {finding.ruleId}
        </Typography>
        <Link to={`${entityLink(line.entityRef)}/api-overview${anchor}`}>
          In {line.title ?? line.name}: <code>{pointer || '/'}</code>
        </Link>
        {excerpt !== undefined && (
          <Button
            size="small"
            onClick={() => setOpen(!open)}
            aria-expanded={open}
          >
            {open ? 'Hide excerpt' : 'Show excerpt'}
          </Button>
        )}
      </Stack>
      {open && excerpt !== undefined && (
        <Paper
          variant="outlined"
          component="pre"
          aria-label={`Excerpt at ${pointer}`}
          sx={{ p: 1, m: 0, overflow: 'auto', maxHeight: 320, fontSize: 12 }}
        >
          {excerpt}
        </Paper>
      )}
    </Stack>
  );
};

const OperationGroup = ({
  group,
  lines,
  documents,
}: {
  group: OperationChanges;
  lines: { base: LineVersion; head: LineVersion };
  documents?: Documents;
}) => {
  const title = group.path
    ? `${group.method?.toUpperCase() ?? ''} ${group.path}`.trim()
    : 'Whole document';
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label={title}
      sx={{ p: 2 }}
    >
      <Stack direction="row" gap={2} alignItems="baseline" flexWrap="wrap">
        <Typography
          variant="subtitle1"
          component="h3"
          sx={{ fontFamily: 'monospace', fontWeight: 700 }}
        >
          {title}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {group.counts.breaking} breaking, {group.counts.potentiallyBreaking}{' '}
          potentially breaking, {group.counts.nonBreaking} non-breaking
        </Typography>
      </Stack>
      <Stack component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {group.changes.map((finding, i) => (
          <Finding
            key={`${finding.ruleId}:${finding.location.pointer}:${i}`}
            finding={finding}
            lines={lines}
            documents={documents}
          />
        ))}
      </Stack>
    </Paper>
  );
};

const DiffResult = ({
  family,
  from,
  to,
}: {
  family: string;
  from: string;
  to: string;
}) => {
  const api = useApi(apiGovernanceApiRef);
  const diff = useAsync(async () => {
    let first: Awaited<ReturnType<typeof api.getDiff>> | undefined;
    const pages = await allPages(async pageToken => {
      const page = await api.getDiff(family, from, to, {
        pageSize: 1000,
        pageToken,
      });
      first ??= page;
      return page;
    });
    return { ...first!, items: pages.items, truncated: pages.truncated };
  }, [api, family, from, to]);
  const documents = useDefinitions(from, to);
  // A major version has dozens of additive changes; readers deciding whether to migrate
  // care about what breaks.
  const [breakingOnly, setBreakingOnly] = useState(false);

  if (diff.loading) return <Progress />;
  if (diff.error || !diff.value) {
    return (
      <ResponseErrorPanel
        title="Could not compare these lines"
        error={
          diff.error ?? new Error('No answer from the api-governance backend')
        }
      />
    );
  }
  const { counts, base, head } = diff.value;
  const items = breakingOnly
    ? diff.value.items
        .map(group => ({
          ...group,
          changes: group.changes.filter(c => c.severity !== 'non-breaking'),
        }))
        .filter(group => group.changes.length > 0)
    : diff.value.items;
  return (
    <Stack gap={2}>
      <Typography variant="h6" component="h2">
        {base.title ?? base.name} {base.semver && `(v${base.semver})`} →{' '}
        {head.title ?? head.name} {head.semver && `(v${head.semver})`}
      </Typography>
      <Stack direction="row" gap={1} role="group" aria-label="Change counts">
        <Chip color="error" label={`${counts.breaking} breaking`} />
        <Chip
          color="warning"
          label={`${counts.potentiallyBreaking} potentially breaking`}
        />
        <Chip variant="outlined" label={`${counts.nonBreaking} non-breaking`} />
      </Stack>
      <FormControlLabel
        control={
          <Checkbox
            checked={breakingOnly}
            onChange={event => setBreakingOnly(event.target.checked)}
          />
        }
        label="Only breaking and potentially breaking changes"
      />
      {diff.value.truncated && (
        <Alert severity="warning">
          Showing the first {diff.value.items.length} operations only.
        </Alert>
      )}
      {documents.error && (
        <Alert severity="info" role="status">
          Excerpts unavailable: {documents.error.message}
        </Alert>
      )}
      {items.length === 0 ? (
        <Typography variant="body2">No changes between these lines.</Typography>
      ) : (
        items.map(group => (
          <OperationGroup
            key={`${group.method ?? ''} ${group.path}`}
            group={group}
            lines={{ base, head }}
            documents={documents.value}
          />
        ))
      )}
    </Stack>
  );
};

/**
 * The changes between any two lines of a family: pick from and to (kept in the URL so a
 * diff can be shared), breaking changes first, grouped by operation, each linking to its
 * place in the spec.
 */
export const DiffPage = ({ family }: { family: string }) => {
  const api = useApi(apiGovernanceApiRef);
  const familyLink = useRouteRef(familyRouteRef);
  const [params, setParams] = useSearchParams();
  const timeline = useAsync(() => api.getFamily(family), [api, family]);

  if (timeline.loading) return <Progress />;
  if (timeline.error || !timeline.value) {
    return (
      <Content>
        <ResponseErrorPanel
          title={`Could not load the API family ${family}`}
          error={
            timeline.error ??
            new Error('No answer from the api-governance backend')
          }
        />
      </Content>
    );
  }
  const lines = timeline.value.lines;
  const from = params.get('from') ?? lines[lines.length - 2]?.entityRef ?? '';
  const to = params.get('to') ?? lines[lines.length - 1]?.entityRef ?? '';
  const pick = (key: 'from' | 'to', value: string) => {
    const next = new URLSearchParams(params);
    next.set('from', from);
    next.set('to', to);
    next.set(key, value);
    setParams(next);
  };
  const picker = (key: 'from' | 'to', label: string, value: string) => (
    <TextField
      select
      size="small"
      label={label}
      value={lines.some(l => l.entityRef === value) ? value : ''}
      onChange={event => pick(key, event.target.value)}
      sx={{ minWidth: 260 }}
    >
      {lines.map(line => (
        <MenuItem key={line.entityRef} value={line.entityRef}>
          {line.title ?? line.name}
          {line.semver ? ` (v${line.semver})` : ''}
        </MenuItem>
      ))}
    </TextField>
  );

  return (
    <Content>
      <Stack gap={2}>
        <Typography variant="h4" component="h1">
          Changes in {timeline.value.title}
        </Typography>
        {familyLink && (
          <Link to={familyLink({ family })}>
            Back to the {timeline.value.title} timeline
          </Link>
        )}
        {lines.length < 2 ? (
          <Alert severity="info" role="status">
            This family has one line: nothing to compare.
          </Alert>
        ) : (
          <>
            <Stack direction="row" gap={2} flexWrap="wrap">
              {picker('from', 'From', from)}
              {picker('to', 'To', to)}
            </Stack>
            {from === to ? (
              <Alert severity="info" role="status">
                Pick two different lines to compare.
              </Alert>
            ) : (
              <DiffResult family={family} from={from} to={to} />
            )}
          </>
        )}
      </Stack>
    </Content>
  );
};

/** The diff page at `/api-versions/:family/diff` (diffRouteRef). */
export const DiffRoute = () => {
  const { family } = useParams();
  return <DiffPage family={family ?? ''} />;
};

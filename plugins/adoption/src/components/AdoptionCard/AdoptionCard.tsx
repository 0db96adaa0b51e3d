import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { JsonValue } from '@backstage/types';
import { adoptionApiRef } from '../../api';
import { type CheckOutcome, outcomesOf } from '../../scorecard';
import { CheckStatusChip } from '../CheckStatusChip';

const TITLE = 'Adoption scorecard';

const ORDER = { fail: 0, 'not-evaluated': 1, pass: 2 } as const;

function formatValue(value: JsonValue): string {
  if (Array.isArray(value)) {
    return value
      .map(v => (typeof v === 'string' ? v : JSON.stringify(v)))
      .join('; ');
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const FactsTable = ({ outcome }: { outcome: CheckOutcome }) => (
  <Table size="small" aria-label={`Facts behind ${outcome.check.name}`}>
    <TableBody>
      {outcome.facts
        .filter(([name]) => name !== 'templateChanges')
        .map(([name, value]) => (
          <TableRow key={name}>
            <TableCell component="th" scope="row" sx={{ width: '40%' }}>
              {name}
            </TableCell>
            <TableCell sx={{ wordBreak: 'break-word' }}>
              {formatValue(value)}
            </TableCell>
          </TableRow>
        ))}
    </TableBody>
  </Table>
);

const TemplateChanges = ({
  changes,
}: {
  changes: NonNullable<CheckOutcome['templateChanges']>;
}) => (
  <Box aria-label="Changes since your template version" component="section">
    <Typography variant="subtitle2" component="h4">
      What changed in the template since your version
    </Typography>
    {changes.map(release => (
      <Box key={release.version} sx={{ mt: 1 }}>
        <Typography variant="body2" fontWeight="bold">
          {release.version}
        </Typography>
        <Typography
          variant="body2"
          component="pre"
          sx={{ whiteSpace: 'pre-wrap', m: 0 }}
        >
          {release.changes}
        </Typography>
      </Box>
    ))}
  </Box>
);

const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

const CheckItem = ({ outcome }: { outcome: CheckOutcome }) => {
  const [open, setOpen] = useState(false);
  const factsId = `adoption-facts-${outcome.check.id}`;
  return (
    <ListItem
      divider
      sx={{ display: 'block' }}
      data-testid={`adoption-check-${outcome.check.id}`}
    >
      <Stack direction="row" gap={1} alignItems="center" flexWrap="wrap">
        <CheckStatusChip status={outcome.status} />
        <Typography variant="subtitle2" component="h3">
          {outcome.check.name}
        </Typography>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
        {outcome.check.description}
      </Typography>
      {outcome.note && (
        <Typography variant="body2" sx={{ mt: 0.5 }}>
          {outcome.note}
        </Typography>
      )}
      {outcome.templateChanges && outcome.templateChanges.length > 0 && (
        <TemplateChanges changes={outcome.templateChanges} />
      )}
      <Stack direction="row" gap={2} alignItems="center" sx={{ mt: 0.5 }}>
        {outcome.status === 'fail' && outcome.nextStep && (
          <Link to={outcome.nextStep}>
            What to do next
            <Box component="span" sx={visuallyHidden}>
              : {outcome.check.name}
            </Box>
          </Link>
        )}
        {outcome.facts.length > 0 && (
          <Button
            size="small"
            aria-expanded={open}
            aria-controls={open ? factsId : undefined}
            onClick={() => setOpen(shown => !shown)}
          >
            {open ? 'Hide facts' : 'Show facts'}
          </Button>
        )}
      </Stack>
      {open && (
        <Box id={factsId}>
          <FactsTable outcome={outcome} />
        </Box>
      )}
    </ListItem>
  );
};

/**
 * The entity's adoption scorecard: every check with pass / fail / not evaluated, failing
 * ones first, each with the facts behind it and a link to what to do next.
 */
export const AdoptionCard = () => {
  const { entity } = useEntity();
  const api = useApi(adoptionApiRef);
  const entityRef = stringifyEntityRef(entity);
  const state = useAsync(async () => {
    const [checks, results] = await Promise.all([
      api.getChecks(),
      api.runChecks(entityRef),
    ]);
    const retrieverIds = [...new Set(checks.flatMap(c => c.factIds))];
    const facts = await api.getLatestFacts(entityRef, retrieverIds);
    return outcomesOf(checks, results, facts).sort(
      (a, b) => ORDER[a.status] - ORDER[b.status],
    );
  }, [api, entityRef]);

  if (state.loading) {
    return (
      <InfoCard title={TITLE}>
        <Progress />
      </InfoCard>
    );
  }
  if (state.error) {
    return (
      <InfoCard title={TITLE}>
        <Typography variant="body2" sx={{ mb: 1 }}>
          Could not load the scorecard: check that the Tech Insights backend is
          installed and running.
        </Typography>
        <ResponseErrorPanel error={state.error} />
      </InfoCard>
    );
  }
  const outcomes = state.value ?? [];
  const passed = outcomes.filter(o => o.status === 'pass').length;
  const evaluated = outcomes.filter(o => o.status !== 'not-evaluated').length;
  return (
    <InfoCard
      title={TITLE}
      subheader={
        evaluated === 0
          ? 'No check evaluated yet'
          : `${passed} of ${evaluated} evaluated checks pass`
      }
    >
      {outcomes.length === 0 ? (
        <Typography variant="body2">
          No adoption checks are configured in the Tech Insights backend.
        </Typography>
      ) : (
        <List dense disablePadding aria-label="Adoption checks">
          {outcomes.map(outcome => (
            <CheckItem key={outcome.check.id} outcome={outcome} />
          ))}
        </List>
      )}
    </InfoCard>
  );
};

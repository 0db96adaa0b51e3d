import { useMemo, useState } from 'react';
import {
  Content,
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import {
  formatPercent,
  matrixCsv,
  percentPassing,
  type TeamCheckCounts,
} from '../../scorecard';
import { colorOf, TrendChart, type TrendSeries } from '../TrendChart';
import { saveCsv } from './saveCsv';
import { type Team, useAdoptionData } from './useAdoptionData';

const latestOf = (team: Team) => team.points[team.points.length - 1];

const cellText = (counts: TeamCheckCounts, checkId: string) => {
  const c = counts[checkId];
  return c && c.evaluated > 0
    ? `${formatPercent((100 * c.passed) / c.evaluated)} (${c.passed}/${
        c.evaluated
      })`
    : '–';
};

const MultiSelect = ({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: Array<{ value: string; label: string }>;
  value: string[];
  onChange: (value: string[]) => void;
}) => (
  <TextField
    select
    size="small"
    label={label}
    value={value}
    sx={{ minWidth: 240 }}
    SelectProps={{
      multiple: true,
      renderValue: selected =>
        (selected as string[]).length === 0
          ? 'All'
          : (selected as string[])
              .map(v => options.find(o => o.value === v)?.label ?? v)
              .join(', '),
      displayEmpty: true,
    }}
    InputLabelProps={{ shrink: true }}
    onChange={event => {
      const next = event.target.value as unknown;
      onChange(typeof next === 'string' ? next.split(',') : (next as string[]));
    }}
  >
    {options.map(option => (
      <MenuItem key={option.value} value={option.value}>
        {option.label}
      </MenuItem>
    ))}
  </TextField>
);

/**
 * The org-level Adoption page: teams x checks with % passing (from each team's latest
 * trend row), the trend per team per day, filters by team and check, and the matrix as CSV.
 */
export const AdoptionPage = () => {
  const state = useAdoptionData();
  const [teamFilter, setTeamFilter] = useState<string[]>([]);
  const [checkFilter, setCheckFilter] = useState<string[]>([]);

  const data = state.value;
  const checks = useMemo(
    () =>
      (data?.checks ?? []).filter(
        c => checkFilter.length === 0 || checkFilter.includes(c.id),
      ),
    [data, checkFilter],
  );
  const teams = useMemo(
    () =>
      (data?.teams ?? []).filter(
        t => teamFilter.length === 0 || teamFilter.includes(t.ref),
      ),
    [data, teamFilter],
  );
  const checkIds = useMemo(() => checks.map(c => c.id), [checks]);
  const series = useMemo<TrendSeries[]>(
    () =>
      teams
        .filter(t => t.points.length > 0)
        .map((team, i) => ({
          label: team.title,
          color: colorOf(i),
          values: Object.fromEntries(
            team.points.map(p => [p.day, percentPassing(p.checks, checkIds)]),
          ),
        })),
    [teams, checkIds],
  );

  if (state.loading) {
    return (
      <Content>
        <Progress />
      </Content>
    );
  }
  if (state.error || !data) {
    return (
      <Content>
        <Alert severity="error" sx={{ mb: 2 }}>
          Could not load the adoption scorecard: check that the Tech Insights
          backend (with Plinth's module) is installed and running.
        </Alert>
        {state.error && <ResponseErrorPanel error={state.error} />}
      </Content>
    );
  }
  if (data.teams.length === 0) {
    return (
      <Content>
        <EmptyState
          missing="data"
          title="No teams in the catalog"
          description="The Adoption page scores the components each Group owns. Register your organisation's groups (kind: Group) to see their scores."
        />
      </Content>
    );
  }

  const scored = teams.filter(t => latestOf(t));
  const download = () =>
    saveCsv(
      `adoption-${new Date().toISOString().slice(0, 10)}.csv`,
      matrixCsv(
        scored.map(t => ({
          ref: t.ref,
          title: t.title,
          components: latestOf(t)!.components,
          checks: latestOf(t)!.checks,
        })),
        checks,
      ),
    );

  return (
    <Content>
      <Stack gap={3}>
        <Typography variant="body1">
          How far each team follows the platform adoption guide: the share of
          its components that pass each check. Open a component to see its own
          scorecard and what to do next.
        </Typography>
        <Stack direction="row" gap={2} flexWrap="wrap" alignItems="center">
          <MultiSelect
            label="Teams"
            options={data.teams.map(t => ({ value: t.ref, label: t.title }))}
            value={teamFilter}
            onChange={setTeamFilter}
          />
          <MultiSelect
            label="Checks"
            options={data.checks.map(c => ({ value: c.id, label: c.name }))}
            value={checkFilter}
            onChange={setCheckFilter}
          />
          <Button
            variant="outlined"
            startIcon={<DownloadIcon />}
            onClick={download}
            disabled={scored.length === 0}
          >
            Download CSV
          </Button>
        </Stack>
        {scored.length === 0 && (
          <Alert severity="info">
            No scores yet. The scorecard scores every team once a day and a few
            minutes after the backend starts; come back shortly.
          </Alert>
        )}
        {teams.some(t => t.error) && (
          <Alert severity="warning">
            Could not read the trend of{' '}
            {teams
              .filter(t => t.error)
              .map(t => t.title)
              .join(', ')}
            .
          </Alert>
        )}
        <TableContainer component={Paper}>
          <Table
            size="small"
            aria-label="Teams by checks, % passing"
            // Whole words in the headers and team names: the theme breaks words anywhere,
            // which made "Components" read "Co mp one nts" in a narrow column. The
            // container scrolls sideways instead when all ten checks are shown.
            sx={{
              '& th, & td': { overflowWrap: 'normal', wordBreak: 'normal' },
              '& thead th': { minWidth: 104, verticalAlign: 'bottom' },
              '& tbody th': { whiteSpace: 'nowrap' },
            }}
          >
            <TableHead>
              <TableRow>
                <TableCell>Team</TableCell>
                <TableCell align="right">Components</TableCell>
                <TableCell align="right">All selected checks</TableCell>
                {checks.map(c => (
                  <TableCell key={c.id} align="right" title={c.description}>
                    {c.name}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {teams.map(team => {
                const latest = latestOf(team);
                return (
                  <TableRow
                    key={team.ref}
                    data-testid={`adoption-team-${team.ref}`}
                  >
                    <TableCell component="th" scope="row">
                      {team.title}
                    </TableCell>
                    <TableCell align="right">
                      {latest ? latest.components : '–'}
                    </TableCell>
                    <TableCell align="right">
                      {latest
                        ? formatPercent(percentPassing(latest.checks, checkIds))
                        : 'no data yet'}
                    </TableCell>
                    {checks.map(c => (
                      <TableCell key={c.id} align="right">
                        {latest ? cellText(latest.checks, c.id) : '–'}
                      </TableCell>
                    ))}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
        <Box>
          {series.length > 0 ? (
            <TrendChart series={series} />
          ) : (
            <Typography variant="body2" color="text.secondary">
              The trend appears after the first daily scoring run.
            </Typography>
          )}
        </Box>
      </Stack>
    </Content>
  );
};

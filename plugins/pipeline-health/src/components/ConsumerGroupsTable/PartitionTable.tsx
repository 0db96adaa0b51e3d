import { useMemo, useState } from 'react';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type {
  LagSecondsMethod,
  PartitionLag,
} from '@plinth/plugin-pipeline-health-common';
import { formatCount, formatDurationMs } from '../../format';
import { LagStatusChip } from '../StatusChip';

const PAGE_SIZES = [25, 50, 100];

const METHOD_NOTES: Record<LagSecondsMethod, string> = {
  'caught-up': '',
  interpolated: '',
  'beyond-samples': ' (at least)',
  'insufficient-samples': '',
};

const lagSecondsText = (p: PartitionLag) =>
  p.lagSeconds === undefined
    ? 'no estimate yet'
    : `${formatDurationMs(p.lagSeconds * 1_000)}${
        METHOD_NOTES[p.lagSecondsMethod]
      }`;

/** Largest lag first: at 200+ partitions the ones to look at are on the first page. */
export function sortByLag(partitions: PartitionLag[]): PartitionLag[] {
  return [...partitions].sort(
    (a, b) =>
      b.offsetLag - a.offsetLag ||
      (b.lagSeconds ?? 0) - (a.lagSeconds ?? 0) ||
      a.topic.localeCompare(b.topic) ||
      a.partition - b.partition,
  );
}

/**
 * One group's partitions: sorted by lag, OK partitions hidden unless asked for, paged so
 * 200+ partitions stay readable.
 */
export const PartitionTable = ({
  group,
  partitions,
}: {
  group: string;
  partitions: PartitionLag[];
}) => {
  const [showOk, setShowOk] = useState(false);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const okCount = partitions.filter(p => p.status === 'OK').length;
  const shown = useMemo(
    () =>
      sortByLag(
        showOk ? partitions : partitions.filter(p => p.status !== 'OK'),
      ),
    [partitions, showOk],
  );
  const pageRows = shown.slice(page * pageSize, (page + 1) * pageSize);

  return (
    <Stack gap={1}>
      <Stack direction="row" alignItems="center" gap={2} flexWrap="wrap">
        <FormControlLabel
          control={
            <Switch
              checked={showOk}
              onChange={(_e, checked) => {
                setShowOk(checked);
                setPage(0);
              }}
            />
          }
          label={`Show OK partitions (${formatCount(okCount)})`}
        />
        <Typography variant="body2" color="text.secondary">
          {formatCount(shown.length)} of {formatCount(partitions.length)}{' '}
          partitions shown, largest lag first
        </Typography>
      </Stack>
      {shown.length === 0 ? (
        <Typography variant="body2">
          Every partition of {group} is OK.
        </Typography>
      ) : (
        <>
          <Table size="small" aria-label={`Partitions of ${group}`}>
            <TableHead>
              <TableRow>
                <TableCell>Topic</TableCell>
                <TableCell align="right">Partition</TableCell>
                <TableCell align="right">End offset</TableCell>
                <TableCell align="right">Committed</TableCell>
                <TableCell align="right">Offset lag</TableCell>
                <TableCell align="right">Lag</TableCell>
                <TableCell>Status</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {pageRows.map(p => (
                <TableRow key={`${p.topic}:${p.partition}`}>
                  <TableCell>{p.topic}</TableCell>
                  <TableCell align="right">{p.partition}</TableCell>
                  <TableCell align="right">
                    {formatCount(p.endOffset)}
                  </TableCell>
                  <TableCell align="right">
                    {p.committedOffset === undefined
                      ? 'never committed'
                      : formatCount(p.committedOffset)}
                  </TableCell>
                  <TableCell align="right">
                    {formatCount(p.offsetLag)}
                  </TableCell>
                  <TableCell align="right">{lagSecondsText(p)}</TableCell>
                  <TableCell>
                    <LagStatusChip status={p.status} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <TablePagination
            component="div"
            count={shown.length}
            page={page}
            onPageChange={(_e, next) => setPage(next)}
            rowsPerPage={pageSize}
            rowsPerPageOptions={PAGE_SIZES}
            onRowsPerPageChange={e => {
              setPageSize(Number(e.target.value));
              setPage(0);
            }}
          />
        </>
      )}
    </Stack>
  );
};

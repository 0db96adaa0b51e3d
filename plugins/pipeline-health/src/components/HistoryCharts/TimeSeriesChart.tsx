import { lazy, Suspense, useId, useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { HistoryPoint } from '@plinth/plugin-pipeline-health-common';
import { formatTime } from '../../format';
import { describeChart, type ChartSeries } from './chartData';

// uPlot and its CSS load with the first chart on screen, not with the plugin.
const UPlotCanvas = lazy(() => import('./UPlotCanvas'));

const TABLE_PAGE_SIZE = 50;

let canvasSupport: boolean | undefined;
/** uPlot needs a 2D canvas and matchMedia; without them the table is the chart. */
function canDrawCanvas(): boolean {
  if (canvasSupport === undefined) {
    canvasSupport =
      typeof window !== 'undefined' &&
      typeof window.matchMedia === 'function' &&
      document.createElement('canvas').getContext('2d') !== null;
  }
  return canvasSupport;
}

const DataTable = ({
  id,
  title,
  points,
  series,
}: {
  id: string;
  title: string;
  points: HistoryPoint[];
  series: ChartSeries[];
}) => {
  const [page, setPage] = useState(0);
  // Newest first: the latest numbers are what a reader checks first.
  const rows = useMemo(() => [...points].reverse(), [points]);
  return (
    <Box id={id}>
      <Table size="small" aria-label={`${title} data`}>
        <TableHead>
          <TableRow>
            <TableCell>Time</TableCell>
            {series.map(s => (
              <TableCell key={s.field} align="right">
                {s.label}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows
            .slice(page * TABLE_PAGE_SIZE, (page + 1) * TABLE_PAGE_SIZE)
            .map(point => (
              <TableRow key={point.at}>
                <TableCell component="th" scope="row">
                  {formatTime(point.at)}
                </TableCell>
                {series.map(s => {
                  const value = point[s.field];
                  return (
                    <TableCell key={s.field} align="right">
                      {value === undefined ? '–' : s.format(value)}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
        </TableBody>
      </Table>
      {rows.length > TABLE_PAGE_SIZE && (
        <TablePagination
          component="div"
          count={rows.length}
          page={page}
          onPageChange={(_e, next) => setPage(next)}
          rowsPerPage={TABLE_PAGE_SIZE}
          rowsPerPageOptions={[TABLE_PAGE_SIZE]}
        />
      )}
    </Box>
  );
};

/**
 * One history chart. uPlot draws on a canvas that screen readers cannot read, so the
 * container is an image whose label summarises the range, latest, min and max, and a
 * toggle shows the same series as a table.
 */
export const TimeSeriesChart = ({
  title,
  rangeLabel,
  points,
  series,
}: {
  title: string;
  rangeLabel: string;
  points: HistoryPoint[];
  series: ChartSeries[];
}) => {
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const headingId = useId();
  const drawable = canDrawCanvas();
  return (
    <Box component="section" aria-labelledby={headingId}>
      <Stack
        direction="row"
        justifyContent="space-between"
        alignItems="center"
        flexWrap="wrap"
      >
        <Typography variant="subtitle1" component="h3" id={headingId}>
          {title}
        </Typography>
        <Button
          size="small"
          aria-expanded={showTable}
          aria-controls={showTable ? tableId : undefined}
          onClick={() => setShowTable(shown => !shown)}
        >
          {showTable ? 'Hide data table' : 'Show data as table'}
        </Button>
      </Stack>
      <Box
        role="img"
        aria-label={describeChart(title, rangeLabel, points, series)}
      >
        {drawable ? (
          <Suspense fallback={<Skeleton variant="rectangular" height={220} />}>
            <UPlotCanvas points={points} series={series} />
          </Suspense>
        ) : (
          <Typography variant="body2" color="text.secondary" aria-hidden="true">
            This browser cannot draw the chart; use the data table.
          </Typography>
        )}
      </Box>
      {showTable && (
        <DataTable id={tableId} title={title} points={points} series={series} />
      )}
    </Box>
  );
};

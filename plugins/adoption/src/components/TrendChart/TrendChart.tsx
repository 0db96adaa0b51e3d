import { lazy, Suspense, useId, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { formatPercent } from '../../scorecard';
import { daysOf, describeTrend, type TrendSeries } from './trendData';

// uPlot and its CSS load with the chart, not with the plugin.
const UPlotTrend = lazy(() => import('./UPlotTrend'));

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

/**
 * % passing per team per day. The canvas is an image for screen readers, labelled with a
 * summary; the same numbers are one click away as a table (newest day first).
 */
export const TrendChart = ({ series }: { series: TrendSeries[] }) => {
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const headingId = useId();
  const days = daysOf(series).reverse();
  return (
    <Box component="section" aria-labelledby={headingId}>
      <Stack direction="row" justifyContent="space-between" alignItems="center">
        <Typography variant="h6" component="h2" id={headingId}>
          Trend: % passing per team per day
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
      <Box role="img" aria-label={describeTrend(series)}>
        {canDrawCanvas() ? (
          <Suspense fallback={<Skeleton variant="rectangular" height={260} />}>
            <UPlotTrend series={series} />
          </Suspense>
        ) : (
          <Typography variant="body2" color="text.secondary" aria-hidden="true">
            This browser cannot draw the chart; use the data table.
          </Typography>
        )}
      </Box>
      {showTable && (
        <Table size="small" id={tableId} aria-label="Trend data">
          <TableHead>
            <TableRow>
              <TableCell>Day</TableCell>
              {series.map(s => (
                <TableCell key={s.label} align="right">
                  {s.label}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {days.map(day => (
              <TableRow key={day}>
                <TableCell component="th" scope="row">
                  {day}
                </TableCell>
                {series.map(s => (
                  <TableCell key={s.label} align="right">
                    {formatPercent(s.values[day])}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
};

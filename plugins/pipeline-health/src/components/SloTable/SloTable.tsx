import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { PipelineSummary } from '@plinth/plugin-pipeline-health-common';
import { formatWindow } from '../../format';
import { StatusChip } from '../StatusChip';
import { metricRows } from './metricRows';

// The other columns do not wrap, so without a floor the measure names were squeezed to
// two or three letters per line in a half-width card; below that width the table scrolls.
const MEASURE_MIN_WIDTH = '10em';

/**
 * A pipeline's numbers against their objectives. With `showWindow` (the detail page) each
 * SLO also says the window it was judged on.
 */
export const SloTable = ({
  summary,
  showWindow,
}: {
  summary: PipelineSummary;
  showWindow?: boolean;
}) => (
  <Box sx={{ overflowX: 'auto' }}>
    <Table size="small" aria-label={`Service levels of ${summary.title}`}>
      <TableHead>
        <TableRow>
          <TableCell sx={{ minWidth: MEASURE_MIN_WIDTH }}>Measure</TableCell>
          <TableCell align="right">Value</TableCell>
          <TableCell sx={{ whiteSpace: 'nowrap' }}>Objective</TableCell>
          <TableCell>Status</TableCell>
          {showWindow && <TableCell>Judged on</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {metricRows(summary).map(row => (
          <TableRow key={row.id} data-testid={`metric-${row.id}`}>
            <TableCell
              component="th"
              scope="row"
              sx={{ minWidth: MEASURE_MIN_WIDTH }}
            >
              {row.label}
            </TableCell>
            <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
              {row.value}
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{row.objective}</TableCell>
            <TableCell>
              {row.status ? (
                <StatusChip status={row.status} />
              ) : (
                <Typography variant="body2" color="text.secondary">
                  –
                </Typography>
              )}
            </TableCell>
            {showWindow && (
              <TableCell>
                {row.window ? formatWindow(row.window) : '–'}
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </Box>
);

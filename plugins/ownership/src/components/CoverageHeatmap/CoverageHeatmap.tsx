import { Link as RouterLink } from 'react-router-dom';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { alpha, useTheme } from '@mui/material/styles';
import {
  COVERAGE_FINDING_SEVERITY,
  COVERAGE_FINDING_TYPES,
  type CoverageFindingType,
  type CoverageSummary,
} from '@plinth/plugin-ownership-common';
import { FINDING_LABELS } from '../FindingChip';

/** The matrix, filtered to one team's entities with one finding. */
export function matrixLinkFor(groupRef: string, finding: CoverageFindingType) {
  const query = new URLSearchParams({ owner: groupRef, finding });
  return `?${query.toString()}`;
}

export type CoverageHeatmapProps = {
  summary: CoverageSummary;
};

/**
 * Teams x finding types. The darker the cell, the more entities of that team have the
 * finding; each count opens the matrix filtered to exactly those entities.
 */
export const CoverageHeatmap = ({ summary }: CoverageHeatmapProps) => {
  const theme = useTheme();
  const max = Math.max(
    1,
    ...summary.byGroup.flatMap(g => Object.values(g.counts).map(c => c ?? 0)),
  );
  const groups = [...summary.byGroup].sort((a, b) =>
    a.groupRef.localeCompare(b.groupRef),
  );

  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Coverage findings per team">
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">
              Team
            </TableCell>
            {COVERAGE_FINDING_TYPES.map(type => (
              <TableCell
                key={type}
                component="th"
                scope="col"
                align="center"
                sx={{ minWidth: 88, lineHeight: 1.2, wordBreak: 'normal' }}
              >
                {FINDING_LABELS[type]}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {groups.map(group => (
            <TableRow key={group.groupRef}>
              <TableCell
                component="th"
                scope="row"
                sx={{ whiteSpace: 'nowrap' }}
              >
                <EntityRefLink entityRef={group.groupRef} defaultKind="group" />
              </TableCell>
              {COVERAGE_FINDING_TYPES.map(type => {
                const count = group.counts[type] ?? 0;
                const base =
                  COVERAGE_FINDING_SEVERITY[type] === 'error'
                    ? theme.palette.error.main
                    : theme.palette.warning.main;
                const strength = count === 0 ? 0 : 0.15 + 0.85 * (count / max);
                const label = `${count} ${
                  count === 1 ? 'entity' : 'entities'
                } of ${group.groupRef} with "${FINDING_LABELS[type]}"`;
                return (
                  <TableCell
                    key={type}
                    align="center"
                    sx={{
                      bgcolor: count ? alpha(base, strength) : undefined,
                      border: 1,
                      borderColor: 'divider',
                    }}
                  >
                    {count === 0 ? (
                      <Box
                        component="span"
                        aria-label={label}
                        sx={{ color: 'text.disabled' }}
                      >
                        0
                      </Box>
                    ) : (
                      <Link
                        component={RouterLink}
                        to={matrixLinkFor(group.groupRef, type)}
                        aria-label={`${label}: show them in the matrix`}
                        sx={{
                          fontWeight: 700,
                          color:
                            strength > 0.55
                              ? theme.palette.getContrastText(base)
                              : 'text.primary',
                        }}
                      >
                        {count}
                      </Link>
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type {
  ConsumerImpactLevel,
  LineDetail,
} from '@plinth/plugin-api-governance-common';
import { WhoToCall } from '../WhoToCall';

const IMPACT: Record<
  ConsumerImpactLevel,
  { label: string; color: 'default' | 'warning' | 'error' }
> = {
  none: { label: 'No action', color: 'default' },
  'migrate-before-sunset': { label: 'Migrate before sunset', color: 'warning' },
  'past-sunset': { label: 'Past sunset', color: 'error' },
};

/** The consumers of one line: what the line's state means for each and who to call. */
export const ConsumerImpactTable = ({ line }: { line: LineDetail }) => {
  const title = line.title ?? line.name;
  if (line.consumers.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No consumer declares {title} (consumesApis).
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={`Consumers of ${title}`}>
      <TableHead>
        <TableRow>
          <TableCell>Consumer</TableCell>
          <TableCell>Owner</TableCell>
          <TableCell>Impact</TableCell>
          <TableCell>Who to call</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {line.consumers.map(consumer => (
          <TableRow key={consumer.entityRef} sx={{ verticalAlign: 'top' }}>
            <TableCell sx={{ minWidth: 160 }}>
              <EntityRefLink entityRef={consumer.entityRef}>
                {consumer.title}
              </EntityRefLink>
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              {consumer.owner ? (
                <EntityRefLink entityRef={consumer.owner} defaultKind="group">
                  {consumer.ownerTitle}
                </EntityRefLink>
              ) : (
                'none'
              )}
            </TableCell>
            <TableCell>
              <Chip
                size="small"
                label={IMPACT[consumer.impact]?.label ?? consumer.impact}
                color={IMPACT[consumer.impact]?.color ?? 'default'}
              />
              <Typography variant="body2" sx={{ mt: 0.5 }}>
                {consumer.message}
              </Typography>
              {consumer.migration && (
                <Typography variant="body2" color="text.secondary">
                  Moving to{' '}
                  <EntityRefLink
                    entityRef={consumer.migration.toEntityRef}
                    hideIcon
                  />
                  : {consumer.migration.changes.breaking} breaking,{' '}
                  {consumer.migration.changes.potentiallyBreaking} potentially
                  breaking changes
                </Typography>
              )}
            </TableCell>
            <TableCell>
              <WhoToCall consumer={consumer} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { OperationSheet, SpecSheet } from '../../spec/specSheet';
import { Section } from './Section';

/** The HTTP method in a fixed-width monospace label. */
export const MethodLabel = ({ method }: { method: string }) => (
  <Typography
    component="span"
    variant="body2"
    sx={{ fontFamily: 'monospace', fontWeight: 700, minWidth: '4.5em' }}
  >
    {method.toUpperCase()}
  </Typography>
);

export const DeprecatedChip = () => (
  <Chip size="small" color="warning" label="deprecated" />
);

/** Operations grouped by tag: method, path, summary and whether it is deprecated. */
export const EndpointsSection = ({
  sheet,
  onOpenOperation,
}: {
  sheet: SpecSheet;
  onOpenOperation: (operation: OperationSheet) => void;
}) => (
  <Section
    title="Endpoint structure"
    subheader={`${sheet.operationCount} operation${
      sheet.operationCount === 1 ? '' : 's'
    } in ${sheet.tagGroups.length} group${
      sheet.tagGroups.length === 1 ? '' : 's'
    }`}
  >
    {sheet.operationCount === 0 ? (
      <Typography variant="body2">This document has no operations.</Typography>
    ) : (
      <Stack gap={2}>
        {sheet.tagGroups.map(group => (
          <div key={group.tag}>
            <Typography variant="h6" component="h3">
              {group.tag}
            </Typography>
            {group.description && (
              <Typography variant="body2" color="text.secondary">
                {group.description}
              </Typography>
            )}
            <Table size="small" aria-label={`Operations: ${group.tag}`}>
              <TableHead>
                <TableRow>
                  <TableCell>Method</TableCell>
                  <TableCell>Path</TableCell>
                  <TableCell>Summary</TableCell>
                  <TableCell>Status</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {group.operations.map(operation => (
                  <TableRow key={operation.anchor}>
                    <TableCell>
                      <MethodLabel method={operation.method} />
                    </TableCell>
                    <TableCell>
                      <Link
                        href={`#${operation.anchor}`}
                        sx={{ fontFamily: 'monospace' }}
                        onClick={() => onOpenOperation(operation)}
                      >
                        {operation.path}
                      </Link>
                    </TableCell>
                    <TableCell>
                      {operation.summary ?? operation.operationId}
                    </TableCell>
                    <TableCell>
                      {operation.deprecated ? <DeprecatedChip /> : 'active'}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        ))}
      </Stack>
    )}
  </Section>
);

import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { OperationSecurity, SpecSheet } from '../../spec/specSheet';
import { MethodLabel } from './EndpointsSection';
import { Section } from './Section';

/** "userJwt, or serviceClient (users.read)": each alternative is enough on its own. */
export function describeSecurity(security: OperationSecurity): string {
  if (security.alternatives.length === 0) return 'No authentication';
  return security.alternatives
    .map(alternative =>
      alternative.length === 0
        ? 'anonymous'
        : alternative
            .map(({ scheme, scopes }) =>
              scopes.length ? `${scheme} (${scopes.join(', ')})` : scheme,
            )
            .join(' + '),
    )
    .join(', or ');
}

/** Security schemes with their scopes, and what each operation requires. */
export const SecuritySection = ({ sheet }: { sheet: SpecSheet }) => {
  const operations = sheet.tagGroups.flatMap(group => group.operations);
  return (
    <Section title="Authentication and authorization">
      {sheet.securitySchemes.length === 0 ? (
        <Typography variant="body2" color="error">
          The document declares no security scheme (components.securitySchemes):
          callers cannot tell how to authenticate.
        </Typography>
      ) : (
        <Table size="small" aria-label="Security schemes">
          <TableHead>
            <TableRow>
              <TableCell>Scheme</TableCell>
              <TableCell>How</TableCell>
              <TableCell>Scopes</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {sheet.securitySchemes.map(scheme => (
              <TableRow key={scheme.name}>
                <TableCell sx={{ fontFamily: 'monospace' }}>
                  {scheme.name}
                </TableCell>
                <TableCell>
                  {scheme.summary}
                  {scheme.description && (
                    <Typography variant="body2" color="text.secondary">
                      {scheme.description}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  {scheme.scopes.length === 0
                    ? '-'
                    : scheme.scopes.map(scope => (
                        <div key={scope.name}>
                          <code>{scope.name}</code>
                          {scope.description && `: ${scope.description}`}
                        </div>
                      ))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {operations.length > 0 && (
        <Table
          size="small"
          aria-label="Authorization per operation"
          sx={{ mt: 2 }}
        >
          <TableHead>
            <TableRow>
              <TableCell>Operation</TableCell>
              <TableCell>Required</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {operations.map(operation => (
              <TableRow key={operation.anchor}>
                <TableCell>
                  <MethodLabel method={operation.method} />{' '}
                  <code>{operation.path}</code>
                </TableCell>
                <TableCell>
                  {describeSecurity(operation.security)}
                  {operation.security.inherited &&
                    operation.security.alternatives.length > 0 &&
                    ' (document default)'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
};

import type { Entity } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Section } from './Section';
import { type DependencyParty, useDependencyMap } from './useApiCatalogContext';

const PartyTable = ({
  label,
  parties,
  empty,
}: {
  label: string;
  parties: DependencyParty[];
  empty: string;
}) => (
  <div>
    <Typography variant="h6" component="h3">
      {label}
    </Typography>
    {parties.length === 0 ? (
      <Typography variant="body2" color="text.secondary">
        {empty}
      </Typography>
    ) : (
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            <TableCell>Entity</TableCell>
            <TableCell>Owner</TableCell>
            <TableCell>Also depends on</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {parties.map(party => (
            <TableRow key={party.entityRef}>
              <TableCell>
                <EntityRefLink entityRef={party.entityRef} />
                {party.missing && (
                  <Typography variant="body2" color="error">
                    not in the catalog
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                {party.owner ? (
                  <EntityRefLink entityRef={party.owner} defaultKind="group" />
                ) : (
                  '-'
                )}
              </TableCell>
              <TableCell>
                {party.dependsOn.length === 0 ? (
                  '-'
                ) : (
                  <Stack gap={0.25}>
                    {party.dependsOn.map(ref => (
                      <EntityRefLink key={ref} entityRef={ref} />
                    ))}
                  </Stack>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    )}
  </div>
);

/** Upstream (providers) and downstream (consumers) of the API, with owners and their other dependencies. */
export const DependencySection = ({ entity }: { entity: Entity }) => {
  const map = useDependencyMap(entity);
  return (
    <Section title="Dependency map">
      {map.loading && <Progress />}
      {map.error && (
        <Alert severity="error">
          Could not read providers and consumers from the catalog:{' '}
          {map.error.message}
        </Alert>
      )}
      {map.value && (
        <Stack gap={2}>
          <PartyTable
            label="Providers"
            parties={map.value.providers}
            empty="No component provides this API (providesApis)."
          />
          <PartyTable
            label="Consumers"
            parties={map.value.consumers}
            empty="No component declares that it consumes this API (consumesApis)."
          />
        </Stack>
      )}
    </Section>
  );
};

import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Link, Progress } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { familyRouteRef } from '../../routes';
import { API_FAMILY_ANNOTATION } from '@plinth/plugin-api-governance-common';
import { LifecycleChip } from '../LifecycleChip';
import { SunsetCountdown } from '../SunsetCountdown';
import { Section } from './Section';
import { useFamilyLines } from './useApiCatalogContext';

/** The family's version lines from the catalog: lifecycle, semver, deprecation and sunset. */
export const VersioningSection = ({ entity }: { entity: Entity }) => {
  const family = entity.metadata.annotations?.[API_FAMILY_ANNOTATION];
  const lines = useFamilyLines(entity);
  const familyLink = useRouteRef(familyRouteRef);
  const selfRef = stringifyEntityRef(entity);

  if (!family) {
    return (
      <Section title="Versioning">
        <Alert severity="info" role="status">
          This API belongs to no API family. Add the annotation{' '}
          <code>{API_FAMILY_ANNOTATION}</code> (one API entity per major version
          line, the same family name on each) to track its versions, deprecation
          and sunset.
        </Alert>
      </Section>
    );
  }
  return (
    <Section
      title="Versioning"
      subheader={`Family ${family}: one API entity per major version line; the semver is info.version of each line's document`}
    >
      {lines.loading && <Progress />}
      {lines.error && (
        <Alert severity="error">
          Could not read the family&apos;s lines from the catalog:{' '}
          {lines.error.message}
        </Alert>
      )}
      {lines.value && (
        <Table size="small" aria-label={`Version lines of ${family}`}>
          <TableHead>
            <TableRow>
              <TableCell>Line</TableCell>
              <TableCell>Lifecycle</TableCell>
              <TableCell>Version</TableCell>
              <TableCell>Deprecated</TableCell>
              <TableCell>Sunset</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {lines.value.map(line => (
              <TableRow
                key={line.entityRef}
                selected={line.entityRef === selfRef}
              >
                <TableCell>
                  <EntityRefLink entityRef={line.entityRef} hideIcon>
                    {line.title}
                  </EntityRefLink>
                  {line.entityRef === selfRef && (
                    <Typography
                      component="span"
                      variant="body2"
                      color="text.secondary"
                    >
                      {' '}
                      (this line)
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <LifecycleChip lifecycle={line.lifecycle} />
                </TableCell>
                <TableCell>{line.semver ?? 'unknown'}</TableCell>
                <TableCell>{line.deprecatedAt ?? '-'}</TableCell>
                <TableCell>
                  {line.sunsetAt || line.lifecycle === 'deprecated' ? (
                    <SunsetCountdown sunsetAt={line.sunsetAt} />
                  ) : (
                    '-'
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {familyLink && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          <Link to={familyLink({ family })}>
            Timeline, diffs, policy and consumer impact of {family}
          </Link>
        </Typography>
      )}
    </Section>
  );
};

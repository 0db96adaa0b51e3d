import { useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import {
  OWNERSHIP_MATRIX_ALL_ROWS_REF,
  ownershipMatrixExportPermission,
  type MatrixFilters,
} from '@plinth/plugin-ownership-common';
import useAsync from 'react-use/esm/useAsync';
import { ownershipApiRef } from '../../api';
import { withFilter } from '../MatrixFilters';
import { saveCsv } from './saveCsv';

const EXPLANATION_ID = 'csv-export-explanation';

/** Lower-cased full group refs, so `payments` and `group:default/Payments` compare equal. */
function groupKey(ref: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

const shortName = (groupRef: string) => parseEntityRef(groupRef).name;

/**
 * The server's reason for a failed request (a ResponseError's cause carries the backend's
 * message, e.g. why a 403), not just "Request failed with 403 Forbidden".
 */
function reasonOf(error: Error): string {
  const cause = (error as { cause?: { message?: unknown } }).cause;
  return typeof cause?.message === 'string' && cause.message
    ? cause.message
    : error.message;
}

/**
 * "Download CSV" for the current filters. Enabled when the permission backend allows the
 * caller every row (an unconditional ALLOW; exporter groups), or when the owner filter
 * names only the caller's own groups, whose rows the policy lets them export. Otherwise
 * disabled, with a visible explanation and links that filter by the caller's teams. The
 * backend decides again on every download; its 403 message is shown if it refuses.
 */
export const CsvExportButton = ({ filters }: { filters: MatrixFilters }) => {
  const api = useApi(ownershipApiRef);
  const identityApi = useApi(identityApiRef);
  const [searchParams] = useSearchParams();

  const permissionApi = useApi(permissionApiRef);
  // Asked once per mount rather than through usePermission, whose SWR cache would keep
  // an earlier answer for the same question across sign-ins and tests.
  const everyRow = useAsync(async () => {
    const { result } = await permissionApi.authorize({
      permission: ownershipMatrixExportPermission,
      resourceRef: OWNERSHIP_MATRIX_ALL_ROWS_REF,
    });
    return result === 'ALLOW';
  }, [permissionApi]);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const myGroups = (identity.value?.ownershipEntityRefs ?? [])
    .filter(ref => ref.toLocaleLowerCase('en-US').startsWith('group:'))
    .sort();
  const myGroupKeys = new Set(myGroups.map(groupKey));
  const owners = filters.owner ?? [];
  const onlyMyTeams =
    owners.length > 0 &&
    owners.every(owner => myGroupKeys.has(groupKey(owner)));

  const deciding = everyRow.loading || identity.loading;
  // A failed permission check counts as "not every row": the team filter still works,
  // and the backend decides again on download.
  const allowed = everyRow.value === true || onlyMyTeams;

  const [state, setState] = useState<{ busy: boolean; error?: Error }>({
    busy: false,
  });
  const download = async () => {
    setState({ busy: true });
    try {
      const csv = await api.exportMatrixCsv(filters);
      saveCsv(csv.filename, csv.content);
      setState({ busy: false });
    } catch (error) {
      setState({ busy: false, error: error as Error });
    }
  };

  const explain = !deciding && !allowed;
  return (
    <Stack gap={1} alignItems="flex-end" sx={{ ml: 'auto', maxWidth: 420 }}>
      <Button
        variant="outlined"
        startIcon={
          state.busy ? <CircularProgress size={16} /> : <DownloadIcon />
        }
        onClick={download}
        disabled={deciding || !allowed || state.busy}
        aria-busy={state.busy}
        aria-describedby={explain ? EXPLANATION_ID : undefined}
        sx={{ flexShrink: 0, whiteSpace: 'nowrap' }}
      >
        Download CSV
      </Button>
      {explain && (
        <Typography
          id={EXPLANATION_ID}
          data-testid={EXPLANATION_ID}
          variant="body2"
          color="text.secondary"
          textAlign="right"
        >
          Exporting every row is limited to the exporter groups set by the
          platform team.{' '}
          {myGroups.length > 0 ? (
            <>
              Filter by a team you belong to and you can export its rows:{' '}
              {myGroups.map((group, i) => (
                <span key={group}>
                  {i > 0 && ', '}
                  <Link
                    component={RouterLink}
                    to={`?${withFilter(searchParams, 'owner', [group])}`}
                  >
                    {shortName(group)}
                  </Link>
                </span>
              ))}
              .
            </>
          ) : (
            <>
              Filtering by a team you belong to lets you export its rows, but
              you are not a member of any team in the catalog.
            </>
          )}
        </Typography>
      )}
      {state.error && (
        <Alert
          severity="error"
          onClose={() => setState({ busy: false })}
          sx={{ alignSelf: 'stretch' }}
        >
          The CSV download failed: {reasonOf(state.error)}
        </Alert>
      )}
    </Stack>
  );
};

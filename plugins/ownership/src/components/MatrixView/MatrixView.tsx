import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import {
  MATRIX_PAGE_LIMIT_MAX,
  type MatrixFilters as MatrixFilterValues,
  type OwnershipApi,
  type OwnershipMatrixRow,
} from '@plinth/plugin-ownership-common';
import { ownershipApiRef } from '../../api';
import {
  filtersFromSearchParams,
  MatrixFilters,
  type MatrixFilterOptions,
} from '../MatrixFilters';
import { MatrixTable } from '../MatrixTable';
import { saveCsv } from './saveCsv';

/** Enough for the whole catalog of a mid-size company; beyond that the CSV is the tool. */
const MAX_PAGES = 10;

async function loadRows(api: OwnershipApi, filters: MatrixFilterValues) {
  const first = await api.getMatrix({ filters, limit: MATRIX_PAGE_LIMIT_MAX });
  const items = [...first.items];
  for (
    let page = 1;
    page < MAX_PAGES && items.length < first.totalItems;
    page++
  ) {
    const next = await api.getMatrix({
      filters,
      offset: items.length,
      limit: MATRIX_PAGE_LIMIT_MAX,
    });
    if (next.items.length === 0) break;
    items.push(...next.items);
  }
  return {
    items,
    totalItems: first.totalItems,
    generatedAt: first.generatedAt,
  };
}

function distinct(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => !!v))].sort();
}

function filterOptions(rows: OwnershipMatrixRow[]): MatrixFilterOptions {
  return {
    domain: distinct(rows.map(r => r.domain)),
    system: distinct(rows.map(r => r.system)),
    owner: distinct(rows.map(r => r.ownerRef)),
    lifecycle: distinct(rows.map(r => r.lifecycle)),
  };
}

/** The Matrix tab: filters in the URL, the virtualised table and a CSV download. */
export const MatrixView = () => {
  const api = useApi(ownershipApiRef);
  const [searchParams] = useSearchParams();
  const filters = filtersFromSearchParams(searchParams);
  const filterKey = JSON.stringify(filters);

  // The unfiltered matrix supplies the choices, so picking a domain does not hide the others.
  const everything = useAsync(() => loadRows(api, {}), [api]);
  const matrix = useAsync(
    () => loadRows(api, JSON.parse(filterKey)),
    [api, filterKey],
  );
  const options = useMemo(
    () => filterOptions(everything.value?.items ?? []),
    [everything.value],
  );

  const [csvState, setCsvState] = useState<{
    busy: boolean;
    error?: Error;
  }>({ busy: false });
  const downloadCsv = async () => {
    setCsvState({ busy: true });
    try {
      const csv = await api.exportMatrixCsv(JSON.parse(filterKey));
      saveCsv(csv.filename, csv.content);
      setCsvState({ busy: false });
    } catch (error) {
      setCsvState({ busy: false, error: error as Error });
    }
  };

  let body;
  if (matrix.error) {
    body = <ResponseErrorPanel error={matrix.error} />;
  } else if (matrix.loading || !matrix.value) {
    body = <Progress />;
  } else if (matrix.value.items.length === 0) {
    const filtered = Object.keys(filters).length > 0;
    body = filtered ? (
      <EmptyState
        missing="data"
        title="No entities match these filters"
        description="Remove a filter or use Clear filters to see the whole matrix."
      />
    ) : (
      <EmptyState
        missing="data"
        title="No components, APIs or resources yet"
        description="Register entities in the catalog (catalog-info.yaml) and they appear here with their owner and escalation policy."
      />
    );
  } else {
    body = (
      <>
        <Typography variant="body2" color="text.secondary">
          {matrix.value.totalItems}{' '}
          {matrix.value.totalItems === 1 ? 'entity' : 'entities'} · snapshot
          from {new Date(matrix.value.generatedAt).toLocaleString()}
        </Typography>
        <MatrixTable
          rows={matrix.value.items}
          totalItems={matrix.value.totalItems}
        />
      </>
    );
  }

  return (
    <Stack gap={2}>
      <Stack direction="row" gap={2} alignItems="flex-start">
        <MatrixFilters options={options} />
        <Button
          variant="outlined"
          startIcon={<DownloadIcon />}
          onClick={downloadCsv}
          disabled={csvState.busy}
          sx={{ ml: 'auto', flexShrink: 0 }}
        >
          {csvState.busy ? 'Preparing CSV…' : 'Download CSV'}
        </Button>
      </Stack>
      {csvState.error && (
        <Alert severity="error" onClose={() => setCsvState({ busy: false })}>
          The CSV download failed: {csvState.error.message}
        </Alert>
      )}
      {body}
    </Stack>
  );
};

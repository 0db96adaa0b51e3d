import { useSearchParams } from 'react-router-dom';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ownershipApiRef } from '../../api';
import {
  filtersFromSearchParams,
  MatrixFilters,
  type MatrixFilterOptions,
} from '../MatrixFilters';
import { MatrixTable } from '../MatrixTable';
import { CsvExportButton } from '../CsvExportButton';
import { MAX_MATRIX_ROWS, useMatrixRows } from './useMatrixRows';

const NO_OPTIONS: MatrixFilterOptions = {
  domain: [],
  system: [],
  owner: [],
  lifecycle: [],
};

const count = (n: number) => n.toLocaleString('en-US');

/** The Matrix tab: filters in the URL, the virtualised table and a CSV download. */
export const MatrixView = () => {
  const api = useApi(ownershipApiRef);
  const [searchParams] = useSearchParams();
  const filters = filtersFromSearchParams(searchParams);

  // Facets come with every page and span the whole matrix, so picking a domain does not
  // hide the others from the choices.
  const matrix = useMatrixRows(api, filters);
  const options = matrix.facets ?? NO_OPTIONS;

  let body;
  if (matrix.error && matrix.rows.length === 0) {
    body = <ResponseErrorPanel error={matrix.error} />;
  } else if (matrix.loading) {
    body = <Progress />;
  } else if (matrix.rows.length === 0) {
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
    const { rows, totalItems } = matrix;
    const capped = !matrix.loadingMore && rows.length < totalItems;
    body = (
      <>
        <Stack gap={0.5}>
          <Typography variant="body2" color="text.secondary" role="status">
            {count(totalItems)} {totalItems === 1 ? 'entity' : 'entities'}
            {matrix.loadingMore &&
              ` · loading rows ${count(rows.length)} of ${count(totalItems)}…`}
            {matrix.generatedAt &&
              ` · snapshot from ${new Date(
                matrix.generatedAt,
              ).toLocaleString()}`}
          </Typography>
          {matrix.loadingMore && (
            <LinearProgress
              variant="determinate"
              value={
                (100 * rows.length) / Math.min(totalItems, MAX_MATRIX_ROWS)
              }
              aria-label="Loading matrix rows"
            />
          )}
        </Stack>
        {matrix.error && (
          <Alert severity="warning">
            Showing {count(rows.length)} of {count(totalItems)} entities:
            loading the rest failed ({matrix.error.message}). Reload the page to
            try again, or download the CSV.
          </Alert>
        )}
        {capped && !matrix.error && (
          <Alert severity="info">
            Showing the first {count(rows.length)} of {count(totalItems)}{' '}
            entities. Narrow the view with the filters, or download the CSV for
            all of them.
          </Alert>
        )}
        <MatrixTable rows={rows} totalItems={totalItems} />
      </>
    );
  }

  return (
    <Stack gap={2}>
      <Stack direction="row" gap={2} alignItems="flex-start">
        <MatrixFilters options={options} />
        <CsvExportButton filters={filters} />
      </Stack>
      {body}
    </Stack>
  );
};

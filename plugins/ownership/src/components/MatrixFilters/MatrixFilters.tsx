import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useDebounce from 'react-use/esm/useDebounce';
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import {
  COVERAGE_FINDING_TYPES,
  MATRIX_KINDS,
  SERVICE_TIERS,
} from '@plinth/plugin-ownership-common';
import { FINDING_LABELS } from '../FindingChip';
import {
  filtersFromSearchParams,
  LIST_FILTER_KEYS,
  withFilter,
  type ListFilterKey,
} from './searchParams';

/** Values seen in the catalog, offered in the free-form selects. */
export type MatrixFilterOptions = {
  domain: string[];
  system: string[];
  owner: string[];
  lifecycle: string[];
};

const LABELS: Record<ListFilterKey, string> = {
  domain: 'Domain',
  system: 'System',
  owner: 'Owner',
  tier: 'Tier',
  lifecycle: 'Lifecycle',
  kind: 'Kind',
  finding: 'Finding',
};

/** Shows `group:default/identity` as `identity`, like the catalog does. */
function shortRef(ref: string): string {
  return ref.replace(/^[^:]+:default\//, '');
}

/**
 * Multi-selects and a text search for the matrix. The state lives in the URL query
 * string, so a filtered view can be shared and survives a reload.
 */
export const MatrixFilters = ({
  options,
}: {
  options: MatrixFilterOptions;
}) => {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFromSearchParams(searchParams);
  const [text, setText] = useState(filters.q ?? '');

  // Keep the box in step when the URL changes from outside (back button, shared link).
  const urlText = searchParams.get('q') ?? '';
  useEffect(
    () => setText(current => (current.trim() === urlText ? current : urlText)),
    [urlText],
  );

  useDebounce(
    () => {
      if ((searchParams.get('q') ?? '') !== text.trim()) {
        setSearchParams(withFilter(searchParams, 'q', [text.trim()]), {
          replace: true,
        });
      }
    },
    300,
    [text],
  );

  const choices: Record<ListFilterKey, readonly string[]> = {
    ...options,
    tier: SERVICE_TIERS,
    kind: MATRIX_KINDS,
    finding: COVERAGE_FINDING_TYPES,
  };
  const optionLabel = (key: ListFilterKey, value: string) => {
    if (key === 'finding') {
      return FINDING_LABELS[value as keyof typeof FINDING_LABELS] ?? value;
    }
    return key === 'owner' || key === 'system' || key === 'domain'
      ? shortRef(value)
      : value;
  };
  const hasFilters =
    LIST_FILTER_KEYS.some(k => filters[k]?.length) || !!filters.q;

  return (
    <Stack
      component="form"
      role="search"
      aria-label="Filter the ownership matrix"
      direction="row"
      flexWrap="wrap"
      gap={1.5}
      alignItems="center"
      onSubmit={e => e.preventDefault()}
    >
      <TextField
        size="small"
        label="Search"
        placeholder="Name, owner or policy"
        value={text}
        onChange={e => setText(e.target.value)}
        sx={{ minWidth: 220 }}
      />
      {LIST_FILTER_KEYS.map(key => (
        <Autocomplete
          key={key}
          multiple
          size="small"
          options={[...choices[key]]}
          value={(filters[key] as string[] | undefined) ?? []}
          getOptionLabel={value => optionLabel(key, value)}
          onChange={(_event, values) =>
            setSearchParams(withFilter(searchParams, key, values))
          }
          renderInput={params => <TextField {...params} label={LABELS[key]} />}
          sx={{ minWidth: 170, maxWidth: 320 }}
        />
      ))}
      {hasFilters && (
        <Button
          onClick={() => {
            let next = searchParams;
            for (const key of [...LIST_FILTER_KEYS, 'q' as const]) {
              next = withFilter(next, key, []);
            }
            setText('');
            setSearchParams(next);
          }}
        >
          Clear filters
        </Button>
      )}
    </Stack>
  );
};

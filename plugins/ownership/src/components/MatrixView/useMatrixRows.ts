import { useEffect, useState } from 'react';
import {
  MATRIX_PAGE_LIMIT_MAX,
  type MatrixFacets,
  type MatrixFilters,
  type OwnershipApi,
  type OwnershipMatrixRow,
} from '@plinth/plugin-ownership-common';

/** A small first page, so rows are on screen before the rest has arrived. */
export const FIRST_PAGE_ROWS = 100;
/** Beyond this the table stops loading and points to filters and the CSV. */
export const MAX_MATRIX_ROWS = 20_000;
/** A snapshot refresh between two pages shifts the offsets: start over, at most this often. */
const MAX_RESTARTS = 3;

export type MatrixRowsState = {
  rows: OwnershipMatrixRow[];
  totalItems: number;
  generatedAt?: string;
  facets?: MatrixFacets;
  /** The first page is still on its way. */
  loading: boolean;
  /** Rows are shown and more pages are on their way. */
  loadingMore: boolean;
  /** The first page failed (no rows), or a later page did (rows are partial). */
  error?: Error;
};

const INITIAL: MatrixRowsState = {
  rows: [],
  totalItems: 0,
  loading: true,
  loadingMore: false,
};

/**
 * The matrix rows for one set of filters: the first page as soon as it arrives, then the
 * remaining pages in the background, up to MAX_MATRIX_ROWS. A change of filters abandons
 * the pages still loading for the previous ones.
 */
export function useMatrixRows(
  api: OwnershipApi,
  filters: MatrixFilters,
): MatrixRowsState {
  const filterKey = JSON.stringify(filters);
  const [state, setState] = useState<MatrixRowsState>(INITIAL);

  useEffect(() => {
    let cancelled = false;
    const wanted: MatrixFilters = JSON.parse(filterKey);
    setState(INITIAL);

    const load = async () => {
      for (let attempt = 0; attempt <= MAX_RESTARTS; attempt++) {
        const first = await api.getMatrix({
          filters: wanted,
          limit: FIRST_PAGE_ROWS,
        });
        if (cancelled) return;
        let rows = first.items;
        const target = Math.min(first.totalItems, MAX_MATRIX_ROWS);
        setState({
          rows,
          totalItems: first.totalItems,
          generatedAt: first.generatedAt,
          facets: first.facets,
          loading: false,
          loadingMore: rows.length < target,
        });
        let restart = false;
        while (rows.length < target) {
          const next = await api.getMatrix({
            filters: wanted,
            offset: rows.length,
            limit: Math.min(MATRIX_PAGE_LIMIT_MAX, target - rows.length),
          });
          if (cancelled) return;
          if (next.generatedAt !== first.generatedAt) {
            restart = true;
            break;
          }
          if (next.items.length === 0) break;
          rows = rows.concat(next.items);
          const done = rows.length >= target;
          const page = rows;
          setState(s => ({ ...s, rows: page, loadingMore: !done }));
        }
        if (!restart) {
          setState(s => ({ ...s, loadingMore: false }));
          return;
        }
      }
      // The snapshot kept changing under us: keep what is shown, stop loading.
      setState(s => ({ ...s, loadingMore: false }));
    };

    load().catch(error => {
      if (!cancelled) {
        setState(s => ({
          ...s,
          loading: false,
          loadingMore: false,
          error: error as Error,
        }));
      }
    });
    return () => {
      cancelled = true;
    };
  }, [api, filterKey]);

  return state;
}

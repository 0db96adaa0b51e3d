export { MatrixFilters } from './MatrixFilters';
export type { MatrixFilterOptions } from './MatrixFilters';
export { filtersFromSearchParams, withFilter } from './searchParams';

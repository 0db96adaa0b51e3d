export { MatrixTable } from './MatrixTable';
export type { MatrixTableProps } from './MatrixTable';

export { DiffPage, DiffRoute } from './DiffPage';

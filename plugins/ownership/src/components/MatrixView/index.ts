export { MatrixView } from './MatrixView';

export * from './writeMatrixCsv';

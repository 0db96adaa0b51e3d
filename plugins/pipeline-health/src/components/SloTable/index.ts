export { SloTable } from './SloTable';
export { metricRows, type MetricRow } from './metricRows';

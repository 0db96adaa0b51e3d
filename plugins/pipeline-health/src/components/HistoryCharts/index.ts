export { HistoryCharts } from './HistoryCharts';
export { TimeSeriesChart } from './TimeSeriesChart';

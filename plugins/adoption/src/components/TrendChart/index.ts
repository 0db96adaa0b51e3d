export { TrendChart } from './TrendChart';
export { colorOf, type TrendSeries } from './trendData';

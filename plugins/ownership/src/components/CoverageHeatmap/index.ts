export { CoverageHeatmap, matrixLinkFor } from './CoverageHeatmap';
export type { CoverageHeatmapProps } from './CoverageHeatmap';

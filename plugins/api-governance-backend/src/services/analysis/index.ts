export {
  AnalysisWorkerPool,
  AnalysisLimitExceeded,
} from './AnalysisWorkerPool';
export type { AnalysisWorkerLimits } from './AnalysisWorkerPool';
export { CachedSpecAnalyzer } from './CachedSpecAnalyzer';
export type { AnalysisRunner } from './CachedSpecAnalyzer';
export { DefinitionError } from './DefinitionError';
export { runAnalysisJob, toJsonPointer } from './runAnalysisJob';
export type { AnalysisJob, AnalysisResult } from './runAnalysisJob';
export type {
  Comparison,
  DefinitionInput,
  DiffRequest,
  Inspection,
  SpecAnalyzer,
} from './types';

export {
  FindingChip,
  FINDING_LABELS,
  DEFAULT_FINDING_SEVERITY,
} from './FindingChip';
export type { FindingChipProps } from './FindingChip';

export { FindingChip, FINDING_LABELS } from './FindingChip';
export type { FindingChipProps } from './FindingChip';

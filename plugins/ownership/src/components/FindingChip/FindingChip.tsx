import Chip from '@mui/material/Chip';
import type {
  CoverageFindingType,
  FindingSeverity,
} from '@plinth/plugin-ownership-common';

/** What each finding means, in the words a team sees on the page. */
export const FINDING_LABELS: Record<CoverageFindingType, string> = {
  'no-owner': 'No owner',
  'unknown-owner': 'Unknown owner',
  'no-policy': 'No escalation policy',
  'tier-without-contact': 'Tier without contact',
  'tier1-first-tier-not-24x7': 'Tier-1 not covered 24x7',
  'tier1-response-too-slow': 'Tier-1 response too slow',
  'policy-owner-drift': 'Policy owned by another team',
  'group-overloaded': 'Team overloaded',
  'user-without-group': 'User without team',
};

/**
 * Severity used where only the finding type is known (matrix rows); the backend's
 * CoverageFinding.severity wins where it is available.
 */
export const DEFAULT_FINDING_SEVERITY: Record<
  CoverageFindingType,
  FindingSeverity
> = {
  'no-owner': 'error',
  'unknown-owner': 'error',
  'no-policy': 'error',
  'tier-without-contact': 'error',
  'tier1-first-tier-not-24x7': 'error',
  'tier1-response-too-slow': 'error',
  'policy-owner-drift': 'warning',
  'group-overloaded': 'warning',
  'user-without-group': 'warning',
};

export type FindingChipProps = {
  type: CoverageFindingType;
  severity?: FindingSeverity;
};

/** A red (error) or amber (warning) chip naming a coverage finding. */
export const FindingChip = ({ type, severity }: FindingChipProps) => {
  const resolved = severity ?? DEFAULT_FINDING_SEVERITY[type];
  return (
    <Chip
      size="small"
      color={resolved === 'error' ? 'error' : 'warning'}
      variant={resolved === 'error' ? 'filled' : 'outlined'}
      label={FINDING_LABELS[type] ?? type}
      title={`${resolved === 'error' ? 'Gap' : 'Warning'}: ${
        FINDING_LABELS[type] ?? type
      }`}
    />
  );
};

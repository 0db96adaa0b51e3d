import Chip from '@mui/material/Chip';
import {
  COVERAGE_FINDING_SEVERITY,
  type CoverageFindingType,
  type FindingSeverity,
} from '@plinth/plugin-ownership-common';

/** What each finding means, in the words a team sees on the page. */
export const FINDING_LABELS: Record<CoverageFindingType, string> = {
  'no-owner': 'No owner',
  'unknown-owner': 'Unknown owner',
  'no-policy': 'No escalation policy',
  'tier-without-contact': 'Tier without contact',
  'policy-cycle': 'Escalation loop',
  'tier1-first-tier-not-24x7': 'Tier-1 not covered 24x7',
  'tier1-response-too-slow': 'Tier-1 response too slow',
  'policy-owner-drift': 'Policy owned by another team',
  'group-overloaded': 'Team overloaded',
  'user-without-group': 'User without team',
};

export type FindingChipProps = {
  type: CoverageFindingType;
  /** Defaults to the severity ownership-common gives the type (matrix rows only carry types). */
  severity?: FindingSeverity;
};

/** A red (error) or amber (warning) chip naming a coverage finding. */
export const FindingChip = ({ type, severity }: FindingChipProps) => {
  const resolved = severity ?? COVERAGE_FINDING_SEVERITY[type];
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

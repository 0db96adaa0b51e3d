import Chip from '@mui/material/Chip';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CancelIcon from '@mui/icons-material/Cancel';
import HelpOutlineIcon from '@mui/icons-material/HelpOutline';
import type { CheckStatus } from '../../scorecard';

const LOOK: Record<
  CheckStatus,
  { label: string; color: 'success' | 'error' | 'default'; icon: JSX.Element }
> = {
  pass: { label: 'Pass', color: 'success', icon: <CheckCircleIcon /> },
  fail: { label: 'Fail', color: 'error', icon: <CancelIcon /> },
  'not-evaluated': {
    label: 'Not evaluated',
    color: 'default',
    icon: <HelpOutlineIcon />,
  },
};

/** Status in words and an icon, never colour alone. */
export const CheckStatusChip = ({ status }: { status: CheckStatus }) => {
  const look = LOOK[status];
  return (
    <Chip
      size="small"
      variant="outlined"
      color={look.color}
      icon={look.icon}
      label={look.label}
    />
  );
};

import type { ReactElement } from 'react';
import Chip from '@mui/material/Chip';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import HelpOutlineIcon from '@mui/icons-material/HelpOutline';
import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import PauseCircleIcon from '@mui/icons-material/PauseCircle';
import StopCircleIcon from '@mui/icons-material/StopCircle';
import WarningIcon from '@mui/icons-material/Warning';
import type {
  LagStatus,
  PipelineStatus,
} from '@plinth/plugin-pipeline-health-common';

type Look = {
  label: string;
  color: 'success' | 'warning' | 'error' | 'default';
  icon: ReactElement;
};

/** Colour never carries the meaning alone: every status has its word and its icon. */
const PIPELINE_LOOKS: Record<PipelineStatus, Look> = {
  ok: { label: 'OK', color: 'success', icon: <CheckCircleIcon /> },
  warning: { label: 'Warning', color: 'warning', icon: <WarningIcon /> },
  breach: { label: 'Breach', color: 'error', icon: <ErrorIcon /> },
  'no-data': { label: 'No data', color: 'default', icon: <HelpOutlineIcon /> },
  unknown: {
    label: 'Waiting for first poll',
    color: 'default',
    icon: <HourglassEmptyIcon />,
  },
};

const LAG_LOOKS: Record<LagStatus, Look> = {
  OK: { label: 'OK', color: 'success', icon: <CheckCircleIcon /> },
  WARNING: { label: 'Warning', color: 'warning', icon: <WarningIcon /> },
  STALLED: { label: 'Stalled', color: 'error', icon: <PauseCircleIcon /> },
  STOPPED: { label: 'Stopped', color: 'error', icon: <StopCircleIcon /> },
  ERROR: { label: 'Error', color: 'error', icon: <ErrorIcon /> },
};

export const statusLabel = (status: PipelineStatus) =>
  PIPELINE_LOOKS[status].label;

/** An SLO's or a pipeline's status: ok / warning / breach / no data. */
export const StatusChip = ({
  status,
  size = 'small',
}: {
  status: PipelineStatus;
  size?: 'small' | 'medium';
}) => {
  const look = PIPELINE_LOOKS[status];
  return (
    <Chip
      size={size}
      color={look.color}
      variant={status === 'ok' ? 'outlined' : 'filled'}
      icon={look.icon}
      label={look.label}
    />
  );
};

/** A consumer group's or partition's lag status (OK, Warning, Stalled, Stopped, Error). */
export const LagStatusChip = ({ status }: { status: LagStatus }) => {
  const look = LAG_LOOKS[status];
  return (
    <Chip
      size="small"
      color={look.color}
      variant={status === 'OK' ? 'outlined' : 'filled'}
      icon={look.icon}
      label={look.label}
    />
  );
};

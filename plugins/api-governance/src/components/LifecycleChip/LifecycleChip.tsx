import Chip from '@mui/material/Chip';

const COLORS: Record<string, 'success' | 'warning' | 'info' | 'default'> = {
  production: 'success',
  deprecated: 'warning',
  experimental: 'info',
};

/** The lifecycle of a version line, as a word on a coloured chip (never colour alone). */
export const LifecycleChip = ({ lifecycle }: { lifecycle: string }) => (
  <Chip
    size="small"
    label={lifecycle}
    color={COLORS[lifecycle] ?? 'default'}
    variant={lifecycle === 'deprecated' ? 'filled' : 'outlined'}
  />
);

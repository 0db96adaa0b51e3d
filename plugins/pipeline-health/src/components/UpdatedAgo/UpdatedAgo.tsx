import Typography from '@mui/material/Typography';
import { formatAge } from '../../format';
import { useNow } from '../../hooks/useNow';

/**
 * "Updated 3 s ago · live": the age of the snapshot on screen (the backend's time, not the
 * fetch's), and how updates arrive, so a stale page is visible as stale.
 */
export const UpdatedAgo = ({
  at,
  live,
}: {
  at?: string;
  live: 'signals' | 'polling';
}) => {
  const now = useNow();
  return (
    <Typography
      variant="body2"
      color="text.secondary"
      aria-live="off"
      data-testid="updated-ago"
    >
      {at ? `Updated ${formatAge(Date.parse(at), now)}` : 'Not polled yet'}
      {live === 'signals'
        ? ' · updates live'
        : ' · refreshed every poll interval'}
    </Typography>
  );
};

import Typography from '@mui/material/Typography';
import { daysUntil, describeSunset } from '../../versioning';

/** Within this many days the countdown turns red: consumers need time to migrate. */
const URGENT_DAYS = 30;

/** "Sunset in 121 days (2027-03-31)"; red once it is near or past. */
export const SunsetCountdown = ({
  sunsetAt,
  now = new Date(),
}: {
  sunsetAt?: string;
  now?: Date;
}) => {
  if (!sunsetAt) {
    return (
      <Typography variant="body2" color="text.secondary" component="span">
        No sunset date
      </Typography>
    );
  }
  const days = daysUntil(sunsetAt, now);
  return (
    <Typography
      variant="body2"
      component="span"
      color={
        days === undefined || days <= URGENT_DAYS ? 'error' : 'text.primary'
      }
      data-testid="sunset-countdown"
    >
      {describeSunset(sunsetAt, now)}
      {days !== undefined && ` (${sunsetAt})`}
    </Typography>
  );
};

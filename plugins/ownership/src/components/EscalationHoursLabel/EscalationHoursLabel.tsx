import Chip from '@mui/material/Chip';
import type { EscalationHours } from '@plinth/plugin-ownership-common';

const DAY_NAMES = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
} as const;

/** "24x7", or e.g. "Mon–Fri 09:00–17:00 (Europe/Berlin)". */
export function describeHours(hours: EscalationHours): string {
  if (hours.type === '24x7') return '24x7';
  const days = hours.days ?? ['mon', 'tue', 'wed', 'thu', 'fri'];
  const isWeekdays =
    days.length === 5 &&
    ['mon', 'tue', 'wed', 'thu', 'fri'].every(d =>
      days.includes(d as (typeof days)[number]),
    );
  const dayText = isWeekdays
    ? 'Mon–Fri'
    : days.map(d => DAY_NAMES[d]).join(', ');
  return `${dayText} ${hours.start ?? '09:00'}–${hours.end ?? '17:00'} (${
    hours.timeZone
  })`;
}

/** A chip with a tier's hours: 24x7 stands out, business hours show their time zone. */
export const EscalationHoursLabel = ({ hours }: { hours: EscalationHours }) => (
  <Chip
    size="small"
    variant="outlined"
    color={hours.type === '24x7' ? 'success' : 'default'}
    label={describeHours(hours)}
  />
);

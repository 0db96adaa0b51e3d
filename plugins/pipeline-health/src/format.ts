import type { SloUnit } from '@plinth/plugin-pipeline-health-common';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** 1,234 (messages, rows, partitions). */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** 12.5 events/s; small rates keep a decimal so 0.4/s does not read as 0. */
export function formatRate(value: number): string {
  return value >= 100 ? integer.format(value) : oneDecimal.format(value);
}

/**
 * A duration in the unit a reader compares against: "85 ms" below a second, "1.2 s" below
 * a minute, "4.5 min" below an hour, then "2.3 h".
 */
export function formatDurationMs(ms: number): string {
  if (ms < 1_000) return `${integer.format(ms)} ms`;
  if (ms < 60_000) return `${oneDecimal.format(ms / 1_000)} s`;
  if (ms < 3_600_000) return `${oneDecimal.format(ms / 60_000)} min`;
  return `${oneDecimal.format(ms / 3_600_000)} h`;
}

/** 0.0123 -> "1.23 %": dead-letter ratios are small, so two decimals. */
export function formatRatio(value: number): string {
  return `${new Intl.NumberFormat('en-US', {
    maximumFractionDigits: 2,
  }).format(value * 100)} %`;
}

/** A value in an SLO's unit. */
export function formatSloValue(value: number, unit: SloUnit): string {
  return unit === 'ratio' ? formatRatio(value) : formatDurationMs(value);
}

/** 1.5 GB, 230 MB: bytes on disk. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1_000 && unit < units.length - 1) {
    value /= 1_000;
    unit += 1;
  }
  return `${unit === 0 ? integer.format(value) : oneDecimal.format(value)} ${
    units[unit]
  }`;
}

/** "3 s ago", "2 min ago", "1 h ago"; "just now" below a second or for clock skew. */
export function formatAge(fromMs: number, nowMs: number): string {
  const seconds = Math.floor((nowMs - fromMs) / 1_000);
  if (seconds < 1) return 'just now';
  if (seconds < 120) return `${seconds} s ago`;
  if (seconds < 7_200) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3_600)} h ago`;
}

/** Date and time in the reader's locale, to the second. */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'medium',
  });
}

/** "12:00:05–12:05:05 (5 min)": the window an SLO or a metric was judged on. */
export function formatWindow(window: { from: string; to: string }): string {
  const from = new Date(window.from);
  const to = new Date(window.to);
  const time = (d: Date) => d.toLocaleTimeString(undefined, { hour12: false });
  return `${time(from)}–${time(to)} (${formatDurationMs(
    to.getTime() - from.getTime(),
  )})`;
}

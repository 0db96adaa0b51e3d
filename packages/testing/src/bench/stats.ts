/** Nearest-rank percentile of ascending samples (p95 of 20 samples is the 19th). */
export function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

/** p50 / p95 / max of unsorted samples, rounded to 0.1 (null without samples). */
export function summarize(samples: number[]): {
  n: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
} {
  if (samples.length === 0) {
    return { n: 0, p50: null, p95: null, max: null };
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: +percentile(sorted, 50).toFixed(1),
    p95: +percentile(sorted, 95).toFixed(1),
    max: +sorted[sorted.length - 1].toFixed(1),
  };
}

/** `--name value` from the command line of a bench script. */
export function arg(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/**
 * Service-level objectives of a pipeline. Every objective is "the measured value stays below
 * the objective"; the defaults are the pipeline-rebuild PRD's success criteria.
 */

export const SLO_KINDS = [
  'ingestionP99',
  'queryP99',
  'freshness',
  'consumerLag',
  'deadLetterRatio',
] as const;

export type SloKind = (typeof SLO_KINDS)[number];

/** `ms`: a duration in milliseconds; `ratio`: a fraction between 0 and 1. */
export type SloUnit = 'ms' | 'ratio';

export type SloDefinition = {
  title: string;
  unit: SloUnit;
  /** The PRD's objective, in `unit`: the measured value must stay below it. */
  defaultObjective: number;
  description: string;
};

/** The one place the SLO defaults live; config may override the objective per pipeline. */
export const SLO_DEFINITIONS: Record<SloKind, SloDefinition> = {
  ingestionP99: {
    title: 'Ingestion latency P99',
    unit: 'ms',
    defaultObjective: 100,
    description:
      '99th percentile of the time from produce to row in ClickHouse',
  },
  queryP99: {
    title: 'Analytics query latency P99',
    unit: 'ms',
    defaultObjective: 1_000,
    description: '99th percentile of analytics query duration',
  },
  freshness: {
    title: 'Freshness',
    unit: 'ms',
    defaultObjective: 60_000,
    description: 'now minus the newest event in ClickHouse',
  },
  consumerLag: {
    title: 'Consumer lag',
    unit: 'ms',
    defaultObjective: 300_000,
    description:
      'largest estimated lag in time of the pipeline’s consumer groups',
  },
  deadLetterRatio: {
    title: 'Dead letters',
    unit: 'ratio',
    defaultObjective: 0.01,
    description: 'dead letters as a fraction of events in the window',
  },
};

/**
 * A value at or above this fraction of the objective is a warning: there is still room, but
 * not much. 80 % unless configured.
 */
export const DEFAULT_SLO_WARNING_FRACTION = 0.8;

/** `no-data`: nothing was measured in the window; deliberately not `ok`. */
export type SloStatus = 'ok' | 'warning' | 'breach' | 'no-data';

/** The time span a value was measured over (ISO 8601). */
export type SloWindow = { from: string; to: string };

export type SloResult = {
  objective: SloKind;
  /** The measured value in `unit`; undefined when status is `no-data`. */
  value?: number;
  unit: SloUnit;
  /** The value must stay below this, in `unit`. */
  target: number;
  status: SloStatus;
  window: SloWindow;
};

export type EvaluateSloOptions = {
  kind: SloKind;
  /** Measured value in the kind's unit; undefined, NaN or infinite means no data. */
  value: number | undefined;
  window: SloWindow;
  /** Overrides the default objective (in the kind's unit). */
  target?: number;
  /** Fraction of the objective from which the result is a warning (0 < f <= 1). */
  warningFraction?: number;
};

/**
 * ok below `warningFraction x target`, warning from there up to the target, breach at or
 * above the target ("P99 < 100 ms" is not met by 100 ms).
 */
export function evaluateSlo(options: EvaluateSloOptions): SloResult {
  const definition = SLO_DEFINITIONS[options.kind];
  const target = options.target ?? definition.defaultObjective;
  const warningFraction =
    options.warningFraction ?? DEFAULT_SLO_WARNING_FRACTION;
  if (!(target > 0)) {
    throw new RangeError(
      `SLO ${options.kind}: the objective must be above 0, got ${target}`,
    );
  }
  if (!(warningFraction > 0 && warningFraction <= 1)) {
    throw new RangeError(
      `SLO ${options.kind}: the warning fraction must be in (0, 1], got ${warningFraction}`,
    );
  }
  const base = {
    objective: options.kind,
    unit: definition.unit,
    target,
    window: options.window,
  };
  const { value } = options;
  if (value === undefined || !Number.isFinite(value)) {
    return { ...base, status: 'no-data' };
  }
  let status: SloStatus = 'ok';
  if (value >= target) {
    status = 'breach';
  } else if (value >= target * warningFraction) {
    status = 'warning';
  }
  return { ...base, value, status };
}

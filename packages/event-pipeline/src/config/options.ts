import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError } from '../errors';

/**
 * Command-line options with an environment-variable fallback, declared once and used for
 * parsing, validation (zod) and --help. Precedence: flag, then environment, then default.
 */
export interface OptionSpec<T> {
  flag: string;
  env?: string;
  /** Placeholder in --help, e.g. "N" or "DURATION". */
  placeholder: string;
  description: string;
  /** Raw default, parsed like user input (so --help shows exactly what applies). */
  default?: string;
  /** Validates and converts the raw string; its first issue message becomes the error. */
  schema: z.ZodType<T, string>;
}

export type OptionSpecs = Record<string, OptionSpec<unknown>>;

type ValueOf<S> = S extends OptionSpec<infer T> ? T : never;

/** Options with a default are always set; the others may be undefined. */
export type ParsedOptions<S extends OptionSpecs> = {
  [K in keyof S]: S[K] extends { default: string }
    ? ValueOf<S[K]>
    : ValueOf<S[K]> | undefined;
};

export function option<T>(
  spec: OptionSpec<T> & { default: string },
): OptionSpec<T> & { default: string };
export function option<T>(
  spec: Omit<OptionSpec<T>, 'default'>,
): OptionSpec<T> & { default?: undefined };
export function option<T>(spec: OptionSpec<T>): OptionSpec<T> {
  return spec;
}

export type Environment = Record<string, string | undefined>;

export interface ParseResult<S extends OptionSpecs> {
  help: boolean;
  values: ParsedOptions<S>;
  /** Where each value came from ("--rate", "LOADGEN_RATE" or "default"). */
  sources: Record<keyof S, string>;
}

export function parseOptions<S extends OptionSpecs>(
  specs: S,
  argv: string[],
  env: Environment,
): ParseResult<S> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(
          Object.values(specs).map(s => [s.flag, { type: 'string' as const }]),
        ),
      },
    });
  } catch (e) {
    // parseArgs says e.g. "Unknown option '--rat'"; keep that and point to --help.
    throw new ConfigError(
      `${(e as Error).message.replace(/\. To specify.*$/s, '')} (see --help)`,
    );
  }
  if (parsed.values.help) {
    return {
      help: true,
      values: {} as ParsedOptions<S>,
      sources: {} as Record<keyof S, string>,
    };
  }
  const values: Record<string, unknown> = {};
  const sources: Record<string, string> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const fromFlag = parsed.values[spec.flag];
    const fromEnv = spec.env ? env[spec.env] : undefined;
    let raw: string | undefined;
    let source: string;
    if (typeof fromFlag === 'string') {
      raw = fromFlag;
      source = `--${spec.flag}`;
    } else if (fromEnv !== undefined && fromEnv !== '') {
      raw = fromEnv;
      source = spec.env!;
    } else {
      raw = spec.default;
      source = 'default';
    }
    sources[key] = source;
    if (raw === undefined) {
      values[key] = undefined;
      continue;
    }
    const result = spec.schema.safeParse(raw);
    if (!result.success) {
      let where = `${source} (for --${spec.flag})`;
      if (source === 'default') where = `default of --${spec.flag}`;
      if (source === `--${spec.flag}`) where = source;
      throw new ConfigError(
        `${where}: ${
          result.error.issues[0]?.message ?? 'invalid value'
        }, got ${JSON.stringify(raw)}`,
      );
    }
    values[key] = result.data;
  }
  return {
    help: false,
    values: values as ParsedOptions<S>,
    sources: sources as Record<keyof S, string>,
  };
}

/** The --help text: one line per option with its environment variable and default. */
export function usage(
  command: string,
  summary: string,
  specs: OptionSpecs,
  notes: string[] = [],
) {
  const rows = Object.values(specs).map(s => {
    const left = `  --${s.flag} ${s.placeholder}`;
    const right = [
      s.description,
      s.env ? `env ${s.env}` : undefined,
      s.default !== undefined
        ? `default ${s.default === '' ? '""' : s.default}`
        : undefined,
    ]
      .filter(Boolean)
      .join('; ');
    return [left, right] as const;
  });
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  return [
    `Usage: ${command} [options]`,
    '',
    summary,
    '',
    'Options (a flag wins over its environment variable):',
    ...rows.map(([l, r]) => `${l.padEnd(width)}${r}`),
    `  --help${' '.repeat(Math.max(1, width - 8))}show this help`,
    ...(notes.length > 0 ? ['', ...notes] : []),
    '',
  ].join('\n');
}

// Field schemas shared by the CLIs. Each rejects with a message that completes
// "--flag: <message>, got "<raw>"".

export const positiveInt = z
  .string()
  .trim()
  .regex(/^[0-9]+$/, { error: 'must be a positive whole number' })
  .transform(Number)
  .refine(n => Number.isSafeInteger(n) && n >= 1, {
    error: 'must be at least 1',
  });

export const nonNegativeInt = z
  .string()
  .trim()
  .regex(/^[0-9]+$/, { error: 'must be a whole number >= 0' })
  .transform(Number)
  .refine(n => Number.isSafeInteger(n), { error: 'is too large' });

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** "500ms", "60s", "1.5s", "5m", "1h" -> milliseconds. A unit is required. */
export function durationMs(raw: string): number | undefined {
  const match = /^\s*([0-9]+(?:\.[0-9]+)?)\s*(ms|s|m|h)\s*$/.exec(raw);
  if (!match) {
    return undefined;
  }
  return Math.round(Number(match[1]) * UNIT_MS[match[2]]);
}

export const duration = z.string().transform((raw, ctx) => {
  const ms = durationMs(raw);
  if (ms === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a duration with a unit, like 500ms, 60s, 5m or 1h',
    });
    return z.NEVER;
  }
  return ms;
});

export const positiveDuration = duration.refine(ms => ms > 0, {
  error: 'must be longer than 0',
});

const HOST_PORT =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]):([0-9]{1,5})$/;

export const brokerList = z
  .string()
  .transform(raw =>
    raw
      .split(',')
      .map(b => b.trim())
      .filter(b => b.length > 0),
  )
  .refine(list => list.length > 0, {
    error: 'must list at least one host:port',
  })
  .refine(
    list =>
      list.every(b => {
        const m = HOST_PORT.exec(b);
        return m !== null && Number(m[1]) >= 1 && Number(m[1]) <= 65535;
      }),
    { error: 'must be a comma-separated list of host:port' },
  );

export const topicName = z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, {
  error: 'must be a Kafka topic name (letters, digits, . _ -; at most 249)',
});

export const groupId = z.string().regex(/^[A-Za-z0-9._:-]{1,255}$/, {
  error: 'must be letters, digits and . _ : - (at most 255)',
});

export const label = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}$/, {
  error: 'must be letters, digits and . _ : / @ - (at most 128)',
});

export const httpUrl = z.string().refine(
  raw => {
    try {
      const url = new URL(raw);
      return (
        (url.protocol === 'http:' || url.protocol === 'https:') &&
        !url.username &&
        !url.password
      );
    } catch {
      return false;
    }
  },
  {
    error:
      'must be an http:// or https:// URL without credentials (use the user/password settings)',
  },
);

export const logLevel = z.enum(['debug', 'info', 'warn', 'error'], {
  error: 'must be one of debug, info, warn, error',
});

/** --brokers, shared by every CLI that talks to Kafka. */
export const brokersOption = option({
  flag: 'brokers',
  env: 'KAFKA_BOOTSTRAP_SERVERS',
  placeholder: 'HOST:PORT,...',
  description: 'Kafka bootstrap servers',
  default: '127.0.0.1:9092',
  schema: brokerList,
});

/** --topic: the events topic, which the load generator writes and the ingester reads. */
export const eventsTopicOption = (description: string) =>
  option({
    flag: 'topic',
    env: 'KAFKA_EVENTS_TOPIC',
    placeholder: 'NAME',
    description,
    default: 'events-raw',
    schema: topicName,
  });

/** --log-level, shared by every CLI. */
export const logLevelOption = option({
  flag: 'log-level',
  env: 'LOG_LEVEL',
  placeholder: 'LEVEL',
  description: 'debug, info, warn or error',
  default: 'info',
  schema: logLevel,
});

import type { ChangeSeverity } from '../diff/types';
import type { FindingSeverity } from '../lint/types';

export type OutputFormat = 'text' | 'json';

export type CliCommand =
  | { command: 'help' }
  | {
      command: 'diff';
      base: string;
      head: string;
      format: OutputFormat;
      failOn: ChangeSeverity;
      now?: Date;
      sunsetAt?: string;
    }
  | {
      command: 'lint';
      spec: string;
      format: OutputFormat;
      failOn: FindingSeverity;
    };

/** A command line that cannot be run; the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage:
  plinth-api diff <base> <head> [--format text|json] [--fail-on breaking|potentially-breaking]
                                [--now <ISO date>] [--sunset-at <ISO date>]
  plinth-api lint <spec> [--format text|json] [--fail-on error|warning]
  plinth-api --help

<base>, <head> and <spec> are OpenAPI 3.0/3.1 files (YAML or JSON); "-" reads stdin.
Exit codes: 0 clean, 1 findings at or above --fail-on, 2 bad input or usage.`;

const OPTIONS: Record<
  'diff' | 'lint',
  Record<string, readonly string[] | 'date'>
> = {
  diff: {
    format: ['text', 'json'],
    'fail-on': ['breaking', 'potentially-breaking'],
    now: 'date',
    'sunset-at': 'date',
  },
  lint: {
    format: ['text', 'json'],
    'fail-on': ['error', 'warning'],
  },
};

/** Parses argv (without node and the script). Pure: throws UsageError, never exits. */
export function parseArgs(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv;
  if (
    !command ||
    command === '--help' ||
    command === '-h' ||
    command === 'help'
  ) {
    return { command: 'help' };
  }
  if (command !== 'diff' && command !== 'lint') {
    throw new UsageError(`unknown command "${command}"; use "diff" or "lint"`);
  }
  const allowed = OPTIONS[command];
  const values: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--help' || arg === '-h') return { command: 'help' };
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = allowed[name];
    if (!spec) {
      throw new UsageError(
        `unknown option --${name} for "${command}"; options: ${Object.keys(
          allowed,
        )
          .map(o => `--${o}`)
          .join(', ')}`,
      );
    }
    const value = eq === -1 ? rest[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '') {
      throw new UsageError(`option --${name} needs a value`);
    }
    if (spec === 'date') {
      if (Number.isNaN(new Date(value).getTime())) {
        throw new UsageError(
          `--${name} "${value}" is not a date; use ISO 8601, e.g. 2027-03-31`,
        );
      }
    } else if (!spec.includes(value)) {
      throw new UsageError(
        `--${name} must be one of ${spec.join(', ')}, not "${value}"`,
      );
    }
    values[name] = value;
  }
  const format = (values.format ?? 'text') as OutputFormat;
  if (command === 'diff') {
    if (positional.length !== 2) {
      throw new UsageError(
        `diff takes two documents, <base> and <head>; got ${positional.length}`,
      );
    }
    if (positional[0] === '-' && positional[1] === '-') {
      throw new UsageError(
        'only one of <base> and <head> can be read from stdin',
      );
    }
    return {
      command,
      base: positional[0],
      head: positional[1],
      format,
      failOn: (values['fail-on'] ?? 'breaking') as ChangeSeverity,
      now: values.now ? new Date(values.now) : undefined,
      sunsetAt: values['sunset-at'],
    };
  }
  if (positional.length !== 1) {
    throw new UsageError(`lint takes one document; got ${positional.length}`);
  }
  return {
    command,
    spec: positional[0],
    format,
    failOn: (values['fail-on'] ?? 'error') as FindingSeverity,
  };
}

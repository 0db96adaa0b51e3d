/**
 * Structured logs: one JSON object per line, so log shippers and tests can parse them.
 * Deliberately tiny: the pipeline runs as plain processes, not inside a Backstage backend.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export const LOG_LEVELS: readonly LogLevel[] = [
  'debug',
  'info',
  'warn',
  'error',
];

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export type LogSink = (line: string) => void;

/** Errors are not JSON-serializable as such: keep name, message and code. */
function serializable(value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: value.message,
      ...(code !== undefined ? { code } : {}),
    };
  }
  return value;
}

export class JsonLogger implements Logger {
  private readonly minRank: number;

  constructor(
    private readonly options: {
      level: LogLevel;
      sink?: LogSink;
      fields?: LogFields;
      now?: () => number;
    },
  ) {
    this.minRank = LOG_LEVELS.indexOf(options.level);
  }

  debug(message: string, fields?: LogFields) {
    this.write('debug', message, fields);
  }
  info(message: string, fields?: LogFields) {
    this.write('info', message, fields);
  }
  warn(message: string, fields?: LogFields) {
    this.write('warn', message, fields);
  }
  error(message: string, fields?: LogFields) {
    this.write('error', message, fields);
  }

  child(fields: LogFields): Logger {
    return new JsonLogger({
      ...this.options,
      fields: { ...this.options.fields, ...fields },
    });
  }

  private write(level: LogLevel, message: string, fields?: LogFields) {
    if (LOG_LEVELS.indexOf(level) < this.minRank) {
      return;
    }
    const record: LogFields = {
      time: new Date((this.options.now ?? Date.now)()).toISOString(),
      level,
      msg: message,
      ...this.options.fields,
    };
    for (const [key, value] of Object.entries(fields ?? {})) {
      record[key] = serializable(value);
    }
    const sink =
      this.options.sink ??
      ((line: string) => process.stdout.write(`${line}\n`));
    sink(JSON.stringify(record));
  }
}

/** A logger that drops everything (unit tests, library defaults). */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};

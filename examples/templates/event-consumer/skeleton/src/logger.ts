/**
 * Structured logs: one JSON object per line on stdout, so the platform's log pipeline can
 * filter by level and field without parsing prose. Never log secrets or tokens.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export function createLogger(options: {
  service: string;
  level?: LogLevel;
  write?: (line: string) => void;
}): Logger {
  const threshold = LEVELS[options.level ?? 'info'];
  const write = options.write ?? (line => process.stdout.write(`${line}\n`));
  const log = (level: LogLevel) => (msg: string, fields: LogFields = {}) => {
    if (LEVELS[level] < threshold) {
      return;
    }
    const errorFields =
      fields.error instanceof Error
        ? { error: { name: fields.error.name, message: fields.error.message } }
        : {};
    write(
      JSON.stringify({
        level,
        time: new Date().toISOString(),
        service: options.service,
        msg,
        ...fields,
        ...errorFields,
      }),
    );
  };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
  };
}

export function parseLogLevel(raw: string | undefined): LogLevel {
  if (raw === undefined || raw === '') {
    return 'info';
  }
  if (raw in LEVELS) {
    return raw as LogLevel;
  }
  throw new Error(`LOG_LEVEL must be one of ${Object.keys(LEVELS).join(', ')}, got "${raw}"`);
}

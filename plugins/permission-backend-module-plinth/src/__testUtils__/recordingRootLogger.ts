import {
  coreServices,
  createServiceFactory,
  type LoggerService,
  type RootLoggerService,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/config';

export interface LogRecord {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  /** The child-logger labels (e.g. `plugin`) merged with the call's metadata. */
  fields: JsonObject;
}

/** A root logger that keeps every record, so tests can assert on structured logs. */
export class RecordingRootLogger implements RootLoggerService {
  readonly records: LogRecord[];
  readonly #labels: JsonObject;

  constructor(records: LogRecord[] = [], labels: JsonObject = {}) {
    this.records = records;
    this.#labels = labels;
  }

  factory() {
    return createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () => this,
    });
  }

  child(meta: JsonObject): LoggerService {
    return new RecordingRootLogger(this.records, { ...this.#labels, ...meta });
  }

  error(message: string, meta?: Error | JsonObject) {
    this.#record('error', message, meta);
  }
  warn(message: string, meta?: Error | JsonObject) {
    this.#record('warn', message, meta);
  }
  info(message: string, meta?: Error | JsonObject) {
    this.#record('info', message, meta);
  }
  debug(message: string, meta?: Error | JsonObject) {
    this.#record('debug', message, meta);
  }

  #record(
    level: LogRecord['level'],
    message: string,
    meta?: Error | JsonObject,
  ) {
    const extra: JsonObject =
      meta instanceof Error
        ? { error: meta.message }
        : (meta as JsonObject | undefined) ?? {};
    this.records.push({
      level,
      message,
      fields: { ...this.#labels, ...extra },
    });
  }
}

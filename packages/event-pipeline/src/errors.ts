/**
 * Typed errors of the pipeline. Each says what is wrong and what to do about it; the CLIs
 * turn them into one clear line and an exit code (see cli/runCli.ts).
 */
export abstract class PipelineError extends Error {
  /** Process exit code the CLIs use for this class of failure. */
  abstract readonly exitCode: number;

  constructor(
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A flag or environment variable is missing or invalid. */
export class ConfigError extends PipelineError {
  readonly exitCode = 2;
}

/** No Kafka broker answered at the configured bootstrap addresses. */
export class KafkaUnreachableError extends PipelineError {
  readonly exitCode = 3;
}

/** A topic the pipeline needs does not exist (topics are never auto-created). */
export class TopicMissingError extends PipelineError {
  readonly exitCode = 3;
}

/** ClickHouse did not answer at the configured URL. */
export class ClickHouseUnreachableError extends PipelineError {
  readonly exitCode = 3;
}

/** ClickHouse rejected the user name or password. */
export class ClickHouseAuthError extends PipelineError {
  readonly exitCode = 3;
}

/** A table (or a column the pipeline writes) is missing in ClickHouse. */
export class TableMissingError extends PipelineError {
  readonly exitCode = 3;
}

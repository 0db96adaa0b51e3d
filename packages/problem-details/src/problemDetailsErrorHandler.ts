import type { ErrorRequestHandler } from 'express';
import {
  PROBLEM_JSON_MEDIA_TYPE,
  publicError,
  statusCodeOf,
  toProblemDetails,
} from './problemDetails';

/** The part of Backstage's LoggerService the handler uses. */
export type ProblemLogger = {
  error(message: string, meta?: Error): void;
};

/**
 * An Express error handler that answers every error as `application/problem+json`
 * (see {@link ProblemDetails}). Mount it last in a plugin's router: errors then never
 * reach Backstage's handler, which would answer `application/json`.
 *
 * Server errors (5xx) are logged, as Backstage's handler logs them; 4xx are the caller's
 * and are not.
 */
export function problemDetailsErrorHandler(
  options: { logger?: ProblemLogger } = {},
): ErrorRequestHandler {
  const { logger } = options;
  return (thrown, req, res, next) => {
    const { error, filtered } = publicError(thrown);
    const status = statusCodeOf(error);
    if (logger && (filtered || status >= 500)) {
      // The original, not the filtered one: the log is where its cause is looked up.
      logger.error(
        `Request failed with status ${status}`,
        thrown instanceof Error ? thrown : error,
      );
    }
    if (res.headersSent) {
      // Too late for a body of our own; Express closes the connection.
      next(thrown);
      return;
    }
    res
      .status(status)
      .type(PROBLEM_JSON_MEDIA_TYPE)
      .json(toProblemDetails(error, req));
  };
}

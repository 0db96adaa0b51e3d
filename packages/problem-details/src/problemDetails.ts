import {
  isError,
  serializeError,
  type SerializedError,
} from '@backstage/errors';

/** The media type of RFC 9457 problem details. */
export const PROBLEM_JSON_MEDIA_TYPE = 'application/problem+json';

/**
 * The error body every Plinth REST API sends: RFC 9457 problem details (`type`, `title`,
 * `status`, `detail`, `instance`) plus the members Backstage's own error handler sends
 * (`error`, `request`, `response`), so that Backstage tooling (`ResponseError`,
 * `ResponseErrorPanel`) keeps reading it.
 */
export type ProblemDetails = {
  /** `about:blank`: the status code says what kind of problem it is (RFC 9457 4.2.1). */
  type: string;
  /** The status code's reason phrase. */
  title: string;
  status: number;
  /** The error's message: what went wrong with this request, for a human. */
  detail: string;
  /** The request path (no query) that failed. */
  instance: string;
  error: SerializedError;
  request: { method: string; url: string };
  response: { statusCode: number };
};

/** Reason phrases for the statuses Backstage's errors map to (RFC 9110). */
const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The status code of an error, decided exactly as Backstage's error handler does. */
export function statusCodeOf(error: Error): number {
  for (const field of ['statusCode', 'status'] as const) {
    const value = (error as unknown as Record<string, unknown>)[field];
    if (
      typeof value === 'number' &&
      Number.isInteger(value) &&
      value >= 100 &&
      value <= 599
    ) {
      return value;
    }
  }
  switch (error.name) {
    case 'NotModifiedError':
      return 304;
    case 'InputError':
      return 400;
    case 'AuthenticationError':
      return 401;
    case 'NotAllowedError':
      return 403;
    case 'NotFoundError':
      return 404;
    case 'ConflictError':
      return 409;
    case 'NotImplementedError':
      return 501;
    case 'ServiceUnavailableError':
      return 503;
    default:
      return 500;
  }
}

/** The reason phrase for a status, `Error` for statuses outside the table. */
export function titleOf(status: number): string {
  return TITLES[status] ?? 'Error';
}

/**
 * What a client may see of an error. As in Backstage's handler, thrown values that are not
 * errors and database errors (whose messages can carry SQL and values) are replaced by a
 * generic error; the original is for the log only.
 */
export function publicError(thrown: unknown): {
  error: Error;
  filtered: boolean;
} {
  if (!isError(thrown) || thrown.constructor?.name === 'DatabaseError') {
    return {
      error: Object.assign(new Error('An internal error occurred'), {
        stack: undefined,
      }),
      filtered: true,
    };
  }
  return { error: thrown, filtered: false };
}

/** The problem details for an error raised while serving `request`. */
export function toProblemDetails(
  error: Error,
  request: { method: string; url: string; originalUrl?: string },
): ProblemDetails {
  const status = statusCodeOf(error);
  // Never a stack trace in a response: it names files and versions.
  const serialized = serializeError(error, { includeStack: false });
  return {
    type: 'about:blank',
    title: titleOf(status),
    status,
    detail: error.message,
    instance: (request.originalUrl ?? request.url).split('?')[0],
    error: serialized,
    request: { method: request.method, url: request.url },
    response: { statusCode: status },
  };
}

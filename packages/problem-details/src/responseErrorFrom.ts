import {
  ResponseError,
  type ConsumedResponse,
  type SerializedError,
} from '@backstage/errors';
import {
  PROBLEM_JSON_MEDIA_TYPE,
  titleOf,
  type ProblemDetails,
} from './problemDetails';

/** A failed fetch response whose body has not been read yet. */
export type FailedResponse = ConsumedResponse & { text(): Promise<string> };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The Backstage error body (`error`, `response`, and `request` when known) for a problem
 * document. Plinth's servers send those members next to the RFC 9457 ones; a problem from
 * any other server gets them from its own members, so its `detail` becomes the message.
 */
function backstageMembers(
  problem: Record<string, unknown>,
  status: number,
): Record<string, unknown> {
  const statusCode =
    typeof problem.status === 'number' ? problem.status : status;
  const error: SerializedError =
    isObject(problem.error) &&
    typeof problem.error.name === 'string' &&
    typeof problem.error.message === 'string'
      ? (problem.error as SerializedError)
      : {
          name: 'Error',
          message:
            [problem.title, problem.detail]
              .filter(v => typeof v === 'string' && v)
              .join(': ') || titleOf(statusCode),
        };
  return {
    ...problem,
    error,
    response: isObject(problem.response) ? problem.response : { statusCode },
  };
}

/**
 * The `ResponseError` for a failed response, reading `application/problem+json` bodies
 * too. `ResponseError.fromResponse` (its `parseErrorResponseBody`) only parses bodies
 * whose content type starts with `application/json`, and would otherwise report the raw
 * text instead of the server's message. A problem body is JSON (`+json` suffix,
 * RFC 6839), so it is handed to `fromResponse` as such; `error.body` then holds the whole
 * problem (see {@link problemDetailsOf}).
 *
 * Consumes the response body.
 */
export async function responseErrorFrom(
  response: FailedResponse,
): Promise<ResponseError> {
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith(PROBLEM_JSON_MEDIA_TYPE)) {
    return ResponseError.fromResponse(response);
  }
  const text = await response.text();
  let body: string = text;
  try {
    const parsed: unknown = JSON.parse(text);
    if (isObject(parsed)) {
      body = JSON.stringify(backstageMembers(parsed, response.status));
    }
  } catch {
    // Not JSON after all: fromResponse reports the raw text with the status.
  }
  const headers = new Headers();
  response.headers.forEach((value, name) => headers.set(name, value));
  headers.set('content-type', 'application/json');
  return ResponseError.fromResponse({
    headers,
    ok: response.ok,
    redirected: response.redirected,
    status: response.status,
    statusText: response.statusText,
    type: response.type,
    url: response.url,
    text: async () => body,
  });
}

/** The problem details a Plinth server sent with an error, if it sent them. */
export function problemDetailsOf(error: unknown): ProblemDetails | undefined {
  if (!ResponseError.is(error)) return undefined;
  const body = error.body as unknown;
  if (
    isObject(body) &&
    typeof body.type === 'string' &&
    typeof body.title === 'string' &&
    typeof body.status === 'number'
  ) {
    return body as ProblemDetails;
  }
  return undefined;
}

/**
 * RFC 9457 problem details for Plinth's REST APIs: the error handler the backend routers
 * mount, and the parser the `-common` clients use. Browser-safe: the handler only uses
 * Express types.
 *
 * @packageDocumentation
 */

export {
  PROBLEM_JSON_MEDIA_TYPE,
  statusCodeOf,
  titleOf,
  toProblemDetails,
  type ProblemDetails,
} from './problemDetails';
export {
  problemDetailsErrorHandler,
  type ProblemLogger,
} from './problemDetailsErrorHandler';
export {
  credentialsBarrier,
  type CredentialsReader,
} from './credentialsBarrier';
export {
  problemDetailsOf,
  responseErrorFrom,
  type FailedResponse,
} from './responseErrorFrom';

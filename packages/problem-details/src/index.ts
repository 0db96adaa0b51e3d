/**
 * RFC 9457 problem details for Plinth's REST APIs: the error handler the backend routers
 * mount, the access guard (credentials, permission, audit) their routes run through, and the
 * parser the `-common` clients use. Browser-safe: the server parts only use Express types
 * and structural stand-ins for Backstage's services.
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
  createAccessGuard,
  describePrincipal,
  type AccessGuard,
  type AuditMeta,
  type GuardAuditor,
  type GuardCredentialsReader,
  type GuardedAccess,
  type GuardedPermission,
  type GuardPermissionAuthorizer,
} from './accessGuard';
export {
  problemDetailsOf,
  responseErrorFrom,
  type FailedResponse,
} from './responseErrorFrom';

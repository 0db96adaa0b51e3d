import type { Request, RequestHandler } from 'express';

/** The part of Backstage's HttpAuthService the barrier uses. */
export type CredentialsReader = {
  credentials(
    req: Request<any, any, any, any>,
    options: { allow: Array<'user' | 'service'> },
  ): Promise<unknown>;
};

/**
 * Requires user or service credentials on every request except `unauthenticatedPaths`
 * (exact paths inside the plugin), like Backstage's credentials barrier. A plugin uses it
 * when it serves problem+json: Backstage's barrier runs before the plugin's router, so its
 * 401 would skip the plugin's error handler and go out as `application/json`. The plugin
 * then tells Backstage's barrier to let its API paths through (`addAuthPolicy`) and mounts
 * this first in its router, followed by its routes and `problemDetailsErrorHandler`.
 */
export function credentialsBarrier(options: {
  httpAuth: CredentialsReader;
  unauthenticatedPaths?: string[];
}): RequestHandler {
  const open = new Set(options.unauthenticatedPaths ?? []);
  return (req, _res, next) => {
    if (open.has(req.path)) {
      next();
      return;
    }
    options.httpAuth
      .credentials(req, { allow: ['user', 'service'] })
      .then(() => next(), next);
  };
}

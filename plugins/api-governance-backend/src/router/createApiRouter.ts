import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  credentialsBarrier,
  problemDetailsErrorHandler,
} from '@plinth/problem-details';
import { Router } from 'express';
import { createRouter, type RouterOptions } from './createRouter';

/**
 * What the plugin mounts: the routes of `createRouter` between a credentials barrier and
 * the problem+json error handler, so every error the API answers (a missing token too) is
 * the RFC 9457 body the spec documents. The plugin lets Backstage's own barrier pass /v1
 * (its 401 would go out before this router, as application/json).
 */
export async function createApiRouter(
  options: RouterOptions & { logger: LoggerService },
): Promise<Router> {
  const api = Router();
  // First, before request validation: a caller without credentials learns nothing more.
  api.use(credentialsBarrier({ httpAuth: options.httpAuth }));
  api.use(await createRouter(options));
  api.use(problemDetailsErrorHandler({ logger: options.logger }));
  return api;
}

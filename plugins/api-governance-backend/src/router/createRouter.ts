import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { apiGovernanceReadPermission } from '@plinth/plugin-api-governance-common';
import { createAccessGuard } from '@plinth/problem-details';
import type { Request, Router } from 'express';
import { createOpenApiRouter } from '../schema/openapi';
import type { ApiGovernanceService } from '../services/governance';

export type RouterOptions = {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  service: ApiGovernanceService;
};

/**
 * The api-governance REST API, version 1 (paths under /v1; createApiRouter adds the
 * credentials barrier and the problem+json error handler). Routes, parameters and
 * validation come from src/schema/openapi.yaml through the generated router; the
 * permission check and audit events go through the shared access guard (`authorized`).
 */
export async function createRouter(options: RouterOptions): Promise<Router> {
  const { httpAuth, permissions, auditor, service } = options;
  const router = await createOpenApiRouter();

  const guard = createAccessGuard({ httpAuth, permissions, auditor });

  function authorized<T>(
    // Any route's request: the generated router types params and query per route.
    req: Request<any, any, any, any>,
    meta: JsonObject,
    handle: (credentials: BackstageCredentials) => Promise<T>,
  ): Promise<T> {
    return guard(
      req,
      {
        eventId: 'api-governance-read',
        meta,
        permissions: [apiGovernanceReadPermission],
      },
      handle,
    );
  }

  router.get('/v1/families', async (req, res) => {
    const { pageSize, pageToken } = req.query;
    res.json(
      await authorized(req, { queryType: 'families' }, credentials =>
        service.listFamilies(credentials, { pageSize, pageToken }),
      ),
    );
  });

  router.get('/v1/families/:family', async (req, res) => {
    const { family } = req.params;
    res.json(
      await authorized(req, { queryType: 'family', family }, credentials =>
        service.getFamily(family, credentials),
      ),
    );
  });

  router.get('/v1/families/:family/diff', async (req, res) => {
    const { family } = req.params;
    const { base, head, pageSize, pageToken } = req.query;
    res.json(
      await authorized(
        req,
        { queryType: 'diff', family, base, head },
        credentials =>
          service.getDiff(family, base, head, credentials, {
            pageSize,
            pageToken,
          }),
      ),
    );
  });

  router.get('/v1/apis/:kind/:namespace/:name/lint', async (req, res) => {
    const { kind, namespace, name } = req.params;
    const { pageSize, pageToken } = req.query;
    const entityRef = stringifyEntityRef({ kind, namespace, name });
    res.json(
      await authorized(req, { queryType: 'lint', entityRef }, credentials =>
        service.getLint(entityRef, credentials, { pageSize, pageToken }),
      ),
    );
  });

  return router;
}

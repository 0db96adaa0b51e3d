import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import { pipelineHealthReadPermission } from '@plinth/plugin-pipeline-health-common';
import { createAccessGuard } from '@plinth/problem-details';
import type { Request, Router } from 'express';
import { createOpenApiRouter } from '../schema/openapi';
import type { PipelineHealthService } from '../services/PipelineHealthService';

/** Reads one entity with the caller's credentials (the catalog applies its own policy). */
export type EntityReader = (
  ref: string,
  credentials: BackstageCredentials,
) => Promise<Entity | undefined>;

export type RouterOptions = {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  service: PipelineHealthService;
  readEntity: EntityReader;
};

/**
 * Sends JSON the service serialised already, once per poll: the big answers (the pipeline
 * list is ~100 KB at 200 groups) are not rebuilt and stringified for every request.
 */
function sendJson(
  // The generated router's typed response is an express Response; only these are used.
  res: {
    statusCode: number;
    setHeader(name: string, value: string | number): unknown;
    end(chunk: string): unknown;
  },
  json: string,
) {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}

/**
 * The pipeline-health REST API, version 1 (paths under /v1; createApiRouter adds the
 * credentials barrier and the problem+json error handler). Routes, parameters and
 * validation come from
 * src/schema/openapi.yaml through the generated router; authentication, the permission
 * check and audit events go through the shared access guard (`authorized`).
 */
export async function createRouter(options: RouterOptions): Promise<Router> {
  const { httpAuth, permissions, auditor, service, readEntity } = options;
  const router = await createOpenApiRouter();

  const guard = createAccessGuard({ httpAuth, permissions, auditor });

  function authorized<T>(
    // Any route's request: the generated router types params and query per route.
    req: Request<any, any, any, any>,
    meta: JsonObject,
    handle: (credentials: BackstageCredentials) => Promise<T> | T,
  ): Promise<T> {
    return guard(
      req,
      {
        eventId: 'pipeline-health-read',
        meta,
        permissions: [pipelineHealthReadPermission],
      },
      handle,
    );
  }

  router.get('/v1/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/v1/pipelines', async (req, res) => {
    sendJson(
      res,
      await authorized(req, { queryType: 'pipelines' }, () =>
        service.listPipelinesJson(),
      ),
    );
  });

  router.get('/v1/pipelines/:pipelineId', async (req, res) => {
    const { pipelineId } = req.params;
    sendJson(
      res,
      await authorized(req, { queryType: 'pipeline', pipelineId }, () =>
        service.getPipelineJson(pipelineId),
      ),
    );
  });

  router.get(
    '/v1/pipelines/:pipelineId/groups/:group/partitions',
    async (req, res) => {
      const { pipelineId, group } = req.params;
      res.json(
        await authorized(
          req,
          { queryType: 'partitions', pipelineId, group },
          () => service.getGroupPartitions(pipelineId, group),
        ),
      );
    },
  );

  router.get('/v1/pipelines/:pipelineId/history', async (req, res) => {
    const { pipelineId } = req.params;
    const range = req.query.range ?? '1h';
    res.json(
      await authorized(req, { queryType: 'history', pipelineId, range }, () =>
        service.getHistory(pipelineId, range),
      ),
    );
  });

  router.get('/v1/pipelines/:pipelineId/incidents', async (req, res) => {
    const { pipelineId } = req.params;
    const range = req.query.range ?? '24h';
    res.json(
      await authorized(req, { queryType: 'incidents', pipelineId, range }, () =>
        service.getIncidents(pipelineId, range),
      ),
    );
  });

  router.get('/v1/entities/:kind/:namespace/:name', async (req, res) => {
    const { kind, namespace, name } = req.params;
    const entityRef = stringifyEntityRef({ kind, namespace, name });
    res.json(
      await authorized(
        req,
        { queryType: 'entity', entityRef },
        async credentials => {
          const entity = await readEntity(entityRef, credentials);
          if (!entity) {
            throw new NotFoundError(
              `No entity ${entityRef} in the catalog (or you may not read it)`,
            );
          }
          return service.getEntityHealth(entity);
        },
      ),
    );
  });

  return router;
}

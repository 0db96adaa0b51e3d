import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { BasicPermission } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import {
  ownershipMatrixExportPermission,
  ownershipMatrixReadPermission,
  type CoverageSummary,
  type EntityEscalation,
  type GroupOwnership,
} from '@plinth/plugin-ownership-common';
import {
  createAccessGuard,
  credentialsBarrier,
  problemDetailsErrorHandler,
} from '@plinth/problem-details';
import { Router, type Request } from 'express';
import { writeMatrixCsv } from '../csv';
import {
  decideExport,
  describePrincipal,
  type RowAuthorizer,
} from '../permissions/decideExport';
import { createOpenApiRouter } from '../schema/openapi';
import type { CoverageSummary as CoverageSummaryModel } from '../schema/openapi/generated/models';
import { filterMatrix, pageMatrix } from '../services/matrix';
import type {
  OwnershipSnapshot,
  OwnershipSnapshotService,
} from '../services/OwnershipSnapshot';
import { refKey } from '../services/OwnershipSnapshot/refs';
import { pageCoverage } from './pageCoverage';
import { parseMatrixFilters, parseMatrixQuery } from './parseMatrixQuery';

export type RouterOptions = {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  snapshots: OwnershipSnapshotService;
  /** Applies a conditional export decision to one row (our registered rules). */
  authorizeRow: RowAuthorizer;
};

function entityEscalation(
  snapshot: OwnershipSnapshot,
  entityRef: string,
): EntityEscalation {
  const row = snapshot.rowsByRef.get(refKey(entityRef));
  if (!row) {
    throw new NotFoundError(`No entity ${entityRef} in the ownership matrix`);
  }
  const refs = new Set([refKey(row.entityRef)]);
  if (row.policyRef) {
    refs.add(refKey(row.policyRef));
  }
  return {
    row,
    findings: snapshot.findings.filter(f => refs.has(refKey(f.entityRef))),
  };
}

function groupOwnership(
  snapshot: OwnershipSnapshot,
  groupRef: string,
): GroupOwnership {
  const group = snapshot.groups.get(refKey(groupRef));
  if (!group) {
    throw new NotFoundError(`No group ${groupRef} in the catalog`);
  }
  const key = refKey(group.ref);
  return {
    groupRef: group.ref,
    policyRefs: [...snapshot.policies.values()]
      .filter(p => p.ownerRef && refKey(p.ownerRef) === key)
      .map(p => p.ref),
    owned: snapshot.rows.filter(r => r.ownerRef && refKey(r.ownerRef) === key),
    findings: snapshot.findings.filter(
      f => f.groupRef && refKey(f.groupRef) === key,
    ),
  };
}

/** The only route without credentials. */
export const HEALTH_PATH = '/v1/health';

/**
 * The ownership REST API, version 1 (paths under /v1). Routes, parameters and request
 * validation come from src/schema/openapi.yaml through the generated router
 * (`createOpenApiRouter`); what a spec cannot express is written by hand below:
 * authentication, permission decisions and audit events (`authorized`), short entity refs
 * in filters, and the CSV body. Every error, including a missing token, is answered as
 * RFC 9457 problem+json (`@plinth/problem-details`), as the spec says.
 */
export async function createRouter(options: RouterOptions): Promise<Router> {
  const { httpAuth, permissions, auditor, logger, snapshots, authorizeRow } =
    options;
  const router = await createOpenApiRouter();
  const api = Router();
  // Before validation: a caller without credentials learns nothing about the parameters.
  api.use(
    credentialsBarrier({ httpAuth, unauthenticatedPaths: [HEALTH_PATH] }),
  );
  api.use(router);
  api.use(problemDetailsErrorHandler({ logger }));

  const guard = createAccessGuard({
    httpAuth,
    permissions,
    auditor,
    describePrincipal,
  });

  /**
   * Authenticates, checks the basic permissions and audits one request; `handle` runs
   * with the caller's credentials and the current snapshot.
   */
  function authorized<T>(
    // Any route's request: the generated router types params and query per route.
    req: Request<any, any, any, any>,
    eventId: string,
    meta: JsonObject,
    required: BasicPermission[],
    handle: (
      snapshot: OwnershipSnapshot,
      credentials: BackstageCredentials,
    ) => Promise<T> | T,
  ): Promise<T> {
    return guard(
      req,
      {
        eventId,
        severityLevel: eventId === 'ownership-matrix-export' ? 'medium' : 'low',
        meta,
        permissions: required,
      },
      // After the decision: a denied caller does not wait for a snapshot.
      async credentials => handle(await snapshots.getSnapshot(), credentials),
    );
  }

  router.get(HEALTH_PATH, (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/v1/matrix', async (req, res) => {
    const { filters, paging } = parseMatrixQuery(req.query);
    const page = await authorized(
      req,
      'ownership-matrix-read',
      { queryType: 'matrix', filters, ...paging },
      [ownershipMatrixReadPermission],
      snapshot => pageMatrix(snapshot, filters, paging),
    );
    res.json(page);
  });

  router.get('/v1/matrix.csv', async (req, res) => {
    const filters = parseMatrixFilters(req.query);
    const csv = await authorized(
      req,
      'ownership-matrix-export',
      { queryType: 'csv', filters },
      [ownershipMatrixReadPermission],
      async (snapshot, credentials) => {
        // Decided per row: the policy may allow every row, or only rows matching its
        // conditions (e.g. the caller's own teams), which are applied here.
        const [decision] = await permissions.authorizeConditional(
          [{ permission: ownershipMatrixExportPermission }],
          { credentials },
        );
        const requested = filterMatrix(snapshot, filters);
        let rows;
        try {
          rows = decideExport({
            decision,
            rows: requested,
            authorizeRow,
            credentials,
          });
        } catch (error) {
          // The auditor records the failure too; this says which decision refused it.
          logger.info('Ownership matrix export refused', {
            principal: describePrincipal(credentials),
            decision: decision.result,
            requestedRows: requested.length,
          });
          throw error;
        }
        return writeMatrixCsv(rows);
      },
    );
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .attachment('ownership-matrix.csv')
      .send(csv);
  });

  router.get('/v1/coverage', async (req, res) => {
    const summary = await authorized(
      req,
      'ownership-matrix-read',
      { queryType: 'coverage', ...req.query },
      [ownershipMatrixReadPermission],
      (snapshot): CoverageSummary => pageCoverage(snapshot, req.query),
    );
    // ownership-common types absent counts as optional keys; JSON drops them the same way.
    res.json(summary as CoverageSummaryModel);
  });

  router.get('/v1/entities/:kind/:namespace/:name', async (req, res) => {
    const entityRef = stringifyEntityRef(req.params);
    const escalation = await authorized(
      req,
      'ownership-matrix-read',
      { queryType: 'entity', entityRef },
      [ownershipMatrixReadPermission],
      snapshot => entityEscalation(snapshot, entityRef),
    );
    res.json(escalation);
  });

  router.get('/v1/groups/:namespace/:name', async (req, res) => {
    const groupRef = stringifyEntityRef({ kind: 'Group', ...req.params });
    const ownership = await authorized(
      req,
      'ownership-matrix-read',
      { queryType: 'group', groupRef },
      [ownershipMatrixReadPermission],
      snapshot => groupOwnership(snapshot, groupRef),
    );
    res.json(ownership);
  });

  return api;
}

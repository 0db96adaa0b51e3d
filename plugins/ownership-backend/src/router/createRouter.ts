import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import {
  ownershipMatrixExportPermission,
  ownershipMatrixReadPermission,
  type CoverageSummary,
  type EntityEscalation,
  type GroupOwnership,
} from '@plinth/plugin-ownership-common';
import express, { type Request } from 'express';
import Router from 'express-promise-router';
import { writeMatrixCsv } from '../csv';
import { filterMatrix, pageMatrix } from '../services/matrix';
import type {
  OwnershipSnapshot,
  OwnershipSnapshotService,
} from '../services/OwnershipSnapshot';
import { refKey } from '../services/OwnershipSnapshot/refs';
import { parseMatrixFilters, parseMatrixQuery } from './parseMatrixQuery';

export type RouterOptions = {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  snapshots: OwnershipSnapshotService;
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

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, auditor, snapshots } = options;
  const router = Router();

  /** Authenticates, authorizes and audits one read; returns the current snapshot. */
  async function authorizedRead<T>(
    req: Request,
    eventId: string,
    meta: JsonObject,
    required: BasicPermission[],
    read: (snapshot: OwnershipSnapshot) => T,
  ): Promise<T> {
    const credentials = await httpAuth.credentials(req);
    const event = await auditor.createEvent({
      eventId,
      request: req,
      severityLevel: eventId === 'ownership-matrix-export' ? 'medium' : 'low',
      meta,
    });
    try {
      const decisions = await permissions.authorize(
        required.map(permission => ({ permission })),
        { credentials },
      );
      if (decisions.some(d => d.result !== AuthorizeResult.ALLOW)) {
        throw new NotAllowedError('Unauthorized');
      }
      const result = read(await snapshots.getSnapshot());
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/matrix', async (req, res) => {
    const { filters, paging } = parseMatrixQuery(req.query);
    const page = await authorizedRead(
      req,
      'ownership-matrix-read',
      { queryType: 'matrix', filters, ...paging },
      [ownershipMatrixReadPermission],
      snapshot => pageMatrix(snapshot, filters, paging),
    );
    res.json(page);
  });

  router.get('/matrix.csv', async (req, res) => {
    const filters = parseMatrixFilters(req.query);
    const csv = await authorizedRead(
      req,
      'ownership-matrix-export',
      { queryType: 'csv', filters },
      [ownershipMatrixReadPermission, ownershipMatrixExportPermission],
      snapshot => writeMatrixCsv(filterMatrix(snapshot, filters)),
    );
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .attachment('ownership-matrix.csv')
      .send(csv);
  });

  router.get('/coverage', async (req, res) => {
    const summary: CoverageSummary = await authorizedRead(
      req,
      'ownership-matrix-read',
      { queryType: 'coverage' },
      [ownershipMatrixReadPermission],
      snapshot => ({
        generatedAt: snapshot.generatedAt,
        findings: snapshot.findings,
        byGroup: snapshot.byGroup,
      }),
    );
    res.json(summary);
  });

  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    const entityRef = stringifyEntityRef(req.params);
    const escalation = await authorizedRead(
      req,
      'ownership-matrix-read',
      { queryType: 'entity', entityRef },
      [ownershipMatrixReadPermission],
      snapshot => entityEscalation(snapshot, entityRef),
    );
    res.json(escalation);
  });

  router.get('/groups/:namespace/:name', async (req, res) => {
    const groupRef = stringifyEntityRef({ kind: 'Group', ...req.params });
    const ownership = await authorizedRead(
      req,
      'ownership-matrix-read',
      { queryType: 'group', groupRef },
      [ownershipMatrixReadPermission],
      snapshot => groupOwnership(snapshot, groupRef),
    );
    res.json(ownership);
  });

  return router;
}

import {
  matrixFacetsOf,
  type CoverageSummary,
  type EntityEscalation,
  type GroupOwnership,
  type MatrixCsvExport,
  type MatrixFilters,
  type MatrixPage,
  type MatrixPageRequest,
  type OwnershipApi,
  type OwnershipMatrixRow,
} from '@plinth/plugin-ownership-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { ownershipApiRef } from '../api';

export const userServiceRow: OwnershipMatrixRow = {
  entityRef: 'component:default/user-service',
  kind: 'Component',
  name: 'user-service',
  title: 'User service',
  lifecycle: 'production',
  tier: 'tier-1',
  system: 'system:default/identity-platform',
  domain: 'domain:default/identity',
  ownerRef: 'group:default/identity',
  ownerTitle: 'Identity team',
  policyRef: 'escalationpolicy:default/identity-oncall',
  policySource: 'owner-group',
  tiers: [
    {
      level: 2,
      name: 'Team lead',
      contacts: [{ name: 'Ana Lead', phone: '+49 30 123456' }],
      hours: { type: 'business-hours', timeZone: 'Europe/Berlin' },
      responseMinutes: { 'tier-1': 60 },
    },
    {
      level: 1,
      name: 'On-call engineer',
      contacts: [
        {
          name: 'Identity on-call',
          pager: 'pagerduty:PIDENT1',
          chat: '#identity-oncall',
          email: 'identity-oncall@example.com',
        },
      ],
      hours: { type: '24x7' },
      responseMinutes: { 'tier-1': 15 },
    },
  ],
  firstResponseMinutes: 15,
  findings: [],
};

export const billingRow: OwnershipMatrixRow = {
  entityRef: 'component:default/billing-service',
  kind: 'Component',
  name: 'billing-service',
  title: 'Billing service',
  lifecycle: 'production',
  tier: 'tier-2',
  domain: 'domain:default/payments',
  ownerRef: 'group:default/payments',
  policySource: 'none',
  tiers: [],
  findings: ['no-policy', 'group-overloaded'],
};

export const coverage: CoverageSummary = {
  generatedAt: '2026-11-23T10:00:00.000Z',
  findings: [
    {
      type: 'no-policy',
      severity: 'error',
      entityRef: billingRow.entityRef,
      groupRef: 'group:default/payments',
      message: 'Billing service has no escalation policy.',
    },
  ],
  // The first page of four findings: the counts are over all of them.
  totalFindings: 4,
  nextPageToken: 'page-2',
  byGroup: [
    { groupRef: 'group:default/payments', counts: { 'no-policy': 3 } },
    { groupRef: 'group:default/identity', counts: { 'group-overloaded': 1 } },
  ],
};

/** One page of `matching` (all rows matching the filters), as the backend answers it. */
export function page(
  matching: OwnershipMatrixRow[],
  paging: { offset?: number; limit?: number; all?: OwnershipMatrixRow[] } = {},
): MatrixPage {
  const offset = paging.offset ?? 0;
  const limit = paging.limit ?? 500;
  return {
    items: matching.slice(offset, offset + limit),
    totalItems: matching.length,
    offset,
    limit,
    generatedAt: '2026-11-23T10:00:00.000Z',
    facets: matrixFacetsOf(paging.all ?? matching),
  };
}

/** A typed, in-memory OwnershipApi; override any method per test. */
export class FakeOwnershipApi implements OwnershipApi {
  rows: OwnershipMatrixRow[] = [userServiceRow, billingRow];

  getMatrix = jest.fn(async (request: MatrixPageRequest = {}) => {
    const domains = request.filters?.domain;
    return page(
      domains
        ? this.rows.filter(r => r.domain && domains.includes(r.domain))
        : this.rows,
      { offset: request.offset, limit: request.limit, all: this.rows },
    );
  });

  exportMatrixCsv = jest.fn(
    async (_filters?: MatrixFilters): Promise<MatrixCsvExport> => ({
      filename: 'ownership.csv',
      content: 'entityRef\ncomponent:default/user-service\n',
    }),
  );

  getCoverage = jest.fn(async () => coverage);

  getEntityEscalation = jest.fn(
    async (): Promise<EntityEscalation> => ({
      row: userServiceRow,
      findings: [],
    }),
  );

  getGroupOwnership = jest.fn(
    async (): Promise<GroupOwnership> => ({
      groupRef: 'group:default/identity',
      policyRefs: ['escalationpolicy:default/identity-oncall'],
      owned: [userServiceRow],
      findings: [],
    }),
  );
}

export function testAppOptions(api: OwnershipApi) {
  return {
    apis: [[ownershipApiRef, api]] as const,
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  };
}

import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  ApiGovernanceClient,
  type ApiGovernanceApi,
  type FamilyList,
  type FamilyTimeline,
  type LineDetail,
  type LineDiff,
  type LintReport,
} from '@plinth/plugin-api-governance-common';
import { apiGovernanceApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { catalogEntities } from './catalogFixtures';

export const V1_REF = 'api:default/user-provisioning-v1';
export const V2_REF = 'api:default/user-provisioning-v2';

export const v1Line: LineDetail = {
  entityRef: V1_REF,
  name: 'user-provisioning-v1',
  title: 'User provisioning API v1',
  lifecycle: 'deprecated',
  owner: 'group:default/identity',
  semver: '1.4.2',
  major: 1,
  deprecatedAt: '2026-06-01',
  sunsetAt: '2027-03-31',
  daysToSunset: 121,
  lint: { error: 0, warning: 1, info: 0 },
  violations: [],
  consumers: [
    {
      entityRef: 'component:default/signup-service',
      kind: 'Component',
      title: 'Signup service',
      owner: 'group:default/growth',
      ownerTitle: 'Growth',
      impact: 'migrate-before-sunset',
      message: 'Migrate to User provisioning API v2 before 2027-03-31.',
      migration: {
        toEntityRef: V2_REF,
        changes: { breaking: 7, potentiallyBreaking: 2, nonBreaking: 9 },
      },
      escalation: {
        state: 'ok',
        policyRef: 'escalationpolicy:default/growth-escalation',
        firstTier: {
          level: 1,
          name: 'On-call engineer',
          hours: { type: '24x7' },
          responseMinutes: { 'tier-1': 15 },
          contacts: [
            { name: 'Growth on-call', chat: '#growth-oncall' },
            { email: 'growth-oncall@plinth.dev' },
          ],
        },
      },
    },
    {
      entityRef: 'component:default/legacy-importer',
      kind: 'Component',
      title: 'Legacy importer',
      owner: 'group:default/data',
      impact: 'migrate-before-sunset',
      message: 'Migrate to User provisioning API v2 before 2027-03-31.',
      escalation: { state: 'no-policy' },
    },
  ],
};

export const v2Line: LineDetail = {
  entityRef: V2_REF,
  name: 'user-provisioning-v2',
  title: 'User provisioning API v2',
  lifecycle: 'production',
  owner: 'group:default/identity',
  semver: '2.1.0',
  major: 2,
  lint: { error: 0, warning: 0, info: 0 },
  violations: [
    {
      ruleId: 'deprecated-without-sunset',
      severity: 'warning',
      message: 'A made-up warning to check the order.',
      entityRef: V2_REF,
    },
    {
      ruleId: 'production-without-escalation-policy',
      severity: 'error',
      message:
        'User provisioning API v2 is in production but group:default/identity has no escalation policy.',
      entityRef: V2_REF,
    },
  ],
  consumers: [
    {
      entityRef: 'component:default/growth-web',
      kind: 'Component',
      title: 'Growth web',
      owner: 'group:default/growth',
      impact: 'none',
      message: 'On the supported line.',
      escalation: { state: 'unavailable' },
    },
  ],
};

export const userProvisioningTimeline: FamilyTimeline = {
  name: 'user-provisioning',
  title: 'User provisioning',
  owner: 'group:default/identity',
  lines: [v1Line, v2Line],
  diffs: [
    {
      baseEntityRef: V1_REF,
      headEntityRef: V2_REF,
      changes: { breaking: 7, potentiallyBreaking: 2, nonBreaking: 9 },
    },
  ],
  counts: { violations: 2, breakingChanges: 7, lintErrors: 0, consumers: 3 },
  ownership: 'ok',
};

export const familyList: FamilyList = {
  items: [
    {
      name: 'user-provisioning',
      title: 'User provisioning',
      owner: 'group:default/identity',
      lines: [v1Line, v2Line],
      counts: userProvisioningTimeline.counts,
    },
    {
      name: 'billing-hooks',
      title: 'Billing webhooks',
      owner: 'group:default/billing',
      lines: [
        {
          entityRef: 'api:default/billing-hooks',
          name: 'billing-hooks',
          title: 'Billing webhooks',
          lifecycle: 'production',
          semver: '1.2.0',
        },
      ],
      counts: {
        violations: 0,
        breakingChanges: 0,
        lintErrors: 1,
        consumers: 1,
      },
    },
  ],
  totalItems: 2,
};

export const v1ToV2Diff: LineDiff = {
  family: 'user-provisioning',
  base: v1Line,
  head: v2Line,
  counts: { breaking: 2, potentiallyBreaking: 1, nonBreaking: 1 },
  items: [
    {
      path: '/users/{userId}/password-reset',
      method: 'post',
      counts: { breaking: 1, potentiallyBreaking: 0, nonBreaking: 0 },
      changes: [
        {
          ruleId: 'operation-removed',
          severity: 'breaking',
          location: {
            path: '/users/{userId}/password-reset',
            method: 'post',
            pointer: '/paths/~1users~1{userId}~1password-reset/post',
            document: 'base',
          },
          message: 'POST /users/{userId}/password-reset was removed.',
        },
      ],
    },
    {
      path: '/users',
      method: 'post',
      counts: { breaking: 1, potentiallyBreaking: 1, nonBreaking: 0 },
      changes: [
        {
          ruleId: 'request-property-became-required',
          severity: 'breaking',
          location: {
            path: '/users',
            method: 'post',
            pointer: '/components/schemas/UserCreate/required',
            document: 'head',
          },
          message: 'The request property externalId is now required.',
        },
        {
          ruleId: 'response-enum-value-added',
          severity: 'potentially-breaking',
          location: {
            path: '/users',
            method: 'post',
            pointer: '/components/schemas/UserStatus/enum',
            document: 'head',
          },
          message: 'The response property status can now be "deprovisioned".',
        },
      ],
    },
    {
      path: '',
      counts: { breaking: 0, potentiallyBreaking: 0, nonBreaking: 1 },
      changes: [
        {
          ruleId: 'info-version-changed',
          severity: 'non-breaking',
          location: { path: '', pointer: '/info/version', document: 'head' },
          message: 'info.version changed from 1.4.2 to 2.1.0.',
        },
      ],
    },
  ],
  totalItems: 3,
};

export const v2Lint: LintReport = {
  api: v2Line,
  summary: { error: 1, warning: 1, info: 0 },
  items: [
    {
      ruleId: 'plinth-problem-json-errors',
      severity: 'error',
      message: '4xx and 5xx responses must use application/problem+json.',
      pointer: '/paths/~1users/get/responses/400',
      start: { line: 52, column: 9 },
    },
    {
      ruleId: 'plinth-paging',
      severity: 'warning',
      message: 'List endpoints page with pageSize and pageToken.',
      pointer: '/paths/~1groups/get/parameters',
    },
  ],
  totalItems: 2,
};

/** The api-governance backend as the frontend sees it: the ApiGovernanceApi interface. */
export class FakeApiGovernanceApi implements ApiGovernanceApi {
  listFamilies = jest.fn(async (): Promise<FamilyList> => familyList);
  getFamily = jest.fn(
    async (_family: string): Promise<FamilyTimeline> =>
      userProvisioningTimeline,
  );
  getDiff = jest.fn(
    async (_family: string, _base: any, _head: any): Promise<LineDiff> =>
      v1ToV2Diff,
  );
  getLint = jest.fn(async (_ref: any): Promise<LintReport> => v2Lint);
}

export function testAppOptions(api: ApiGovernanceApi) {
  return {
    apis: [
      [apiGovernanceApiRef, api],
      catalogApiMock({ entities: catalogEntities }),
    ] as const,
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      '/api-versions': rootRouteRef,
    },
  };
}

/**
 * The error ApiGovernanceClient throws for a backend problem+json answer: the real client
 * parses a real Response, so the tests see what the page will see.
 */
export async function backendError(
  status: number,
  name: string,
  message: string,
): Promise<Error> {
  const client = new ApiGovernanceClient({
    discoveryApi: { getBaseUrl: async () => 'http://test/api/api-governance' },
    fetchApi: {
      fetch: async () =>
        new Response(
          JSON.stringify({
            type: 'about:blank',
            title: name,
            status,
            detail: message,
            error: { name, message },
            request: { method: 'GET', url: '/v1/families' },
            response: { statusCode: status },
          }),
          {
            status,
            headers: {
              'content-type': 'application/problem+json; charset=utf-8',
            },
          },
        ),
    },
  });
  return client.listFamilies().then(
    () => {
      throw new Error('expected the client to throw');
    },
    (error: Error) => error,
  );
}

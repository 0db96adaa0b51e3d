import type {
  Check,
  CheckResult,
} from '@backstage-community/plugin-tech-insights-common';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { Entity } from '@backstage/catalog-model';
import { adoptionApiRef } from '../api';
import type { AdoptionApi, FactRow, LatestFacts } from '../client';
import { rootRouteRef } from '../routes';

const GUIDE = '/docs/default/component/plinth-portal/adoption-guide/';

const check = (id: string, name: string, factIds: string[]): Check => ({
  id,
  type: 'json-rules-engine',
  name,
  description: `${name}: what the guide asks`,
  factIds,
  links: [{ title: 'What to do next', url: `${GUIDE}#${id}` }],
});

export const CHECKS: Check[] = [
  check('owner', 'Owned by a real team', ['plinthCatalogFactRetriever']),
  check('template-version', 'Created from the current template version', [
    'plinthTemplateFactRetriever',
  ]),
  check('breaking-changes', 'No breaking change without a major bump', [
    'plinthApiFactRetriever',
  ]),
  check('pipeline-health', 'Pipeline healthy', [
    'plinthPipelineHealthFactRetriever',
  ]),
];

const result = (checkItem: Check, passed: boolean): CheckResult => ({
  check: checkItem,
  facts: {},
  result: passed,
});

/** owner passes, template-version fails, breaking-changes and pipeline-health not evaluated. */
export const RESULTS: CheckResult[] = [
  result(CHECKS[0], true),
  result(CHECKS[1], false),
];

const row = (id: string, facts: FactRow['facts']): FactRow => ({
  id,
  timestamp: '2026-11-30T10:00:00.000Z',
  version: '0.1.0',
  facts,
});

export const FACTS: LatestFacts = {
  plinthCatalogFactRetriever: row('plinthCatalogFactRetriever', {
    ownerRef: 'group:default/orders',
    ownerIsGroup: true,
  }),
  plinthTemplateFactRetriever: row('plinthTemplateFactRetriever', {
    templateVersion: '1.0.0',
    templateCurrentVersion: '1.2.0',
    templateUpToDate: false,
    templateChanges: [
      {
        version: '1.2.0',
        changes: '- CI: the API gate also fails on breaking changes.',
      },
      { version: '1.1.0', changes: '- TechDocs: a separate on-call page.' },
    ],
    templateNote: '',
  }),
  plinthApiFactRetriever: row('plinthApiFactRetriever', {
    apiLintErrors: 0,
    breakingChangesNote:
      'not evaluated yet: api-governance backend not available (Error: connect ECONNREFUSED)',
  }),
};

export const trendRow = (
  timestamp: string,
  checks: Record<string, { passed: number; evaluated: number }>,
  components = 2,
): FactRow => ({
  id: 'plinthAdoptionTrendFactRetriever',
  timestamp,
  version: '0.1.0',
  facts: { components, checks, passed: 0, evaluated: 0 },
});

/** An in-memory AdoptionApi: each method a jest mock with the fixtures as default answers. */
export class FakeAdoptionApi implements AdoptionApi {
  trend: Record<string, FactRow[]> = {};
  getChecks = jest.fn(async () => CHECKS);
  runChecks = jest.fn(async (_entityRef: string) => RESULTS);
  getLatestFacts = jest.fn(async (_entityRef: string, _ids: string[]) => FACTS);
  getFactRange = jest.fn(
    async (entityRef: string, _id: string, _from: Date, _to: Date) =>
      this.trend[entityRef] ?? [],
  );
}

export const group = (name: string, title?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
  spec: { type: 'team', children: [] },
});

export function testAppOptions(api: AdoptionApi, groups: Entity[] = []) {
  return {
    apis: [
      [adoptionApiRef, api],
      [catalogApiRef, catalogApiMock({ entities: groups })],
    ] as const,
    mountedRoutes: { '/adoption': rootRouteRef },
  };
}

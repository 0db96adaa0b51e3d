import type { Entity } from '@backstage/catalog-model';
import type { EntityPipelineHealth } from '@plinth/plugin-pipeline-health-common';
import type { OwnershipMatrixRow } from '@plinth/plugin-ownership-common';

/** An OpenAPI document the platform lint passes (versioned server, security, problem+json). */
export const CLEAN_OPENAPI = JSON.stringify({
  openapi: '3.0.3',
  info: { title: 'Orders API', version: '1.2.0' },
  servers: [{ url: 'https://orders.example.com/v1' }],
  security: [{ jwt: [] }],
  paths: {
    '/orders/{id}': {
      get: {
        operationId: 'getOrder',
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': {
            description: 'The order',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Order' },
              },
            },
          },
          '404': { $ref: '#/components/responses/Problem' },
        },
      },
    },
  },
  components: {
    securitySchemes: { jwt: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Order: { type: 'object', properties: { id: { type: 'string' } } },
      Problem: {
        type: 'object',
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
        },
      },
    },
    responses: {
      Problem: {
        description: 'Error',
        content: {
          'application/problem+json': {
            schema: { $ref: '#/components/schemas/Problem' },
          },
        },
      },
    },
  },
});

/** Unversioned, no security, no operationId: several lint errors. */
export const DIRTY_OPENAPI = JSON.stringify({
  openapi: '3.0.3',
  info: { title: 'Legacy API', version: '1.0.0' },
  servers: [{ url: 'https://legacy.example.com' }],
  paths: {
    '/things': {
      get: { responses: { '200': { description: 'ok' } } },
    },
  },
});

export const MKDOCS_WITH_RUNBOOK = `site_name: Orders
nav:
  - Home: index.md
  - Operations:
      - Runbook: runbook.md
      - On-call: on-call.md
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
`;

export const MKDOCS_WITHOUT_RUNBOOK = `site_name: Legacy
nav:
  - Home: index.md
  - Design: design.md
`;

export const TEMPLATE_CHANGELOG = `# Changelog: New service (golden path)

Newest first.

## 1.2.0

- CI: the API gate also fails on breaking changes.

## 1.1.0

- TechDocs: a separate on-call page.

## 1.0.0

- First version.
`;

const component = (
  name: string,
  annotations: Record<string, string>,
  spec: Record<string, unknown>,
  tags: string[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations, tags },
  spec: { type: 'service', ...spec },
});

/**
 * The catalog of the scorecard tests, written as files under `dir` would be: each entity's
 * managed-by-location points into `dir`, where the test puts its mkdocs.yml and the
 * template's CHANGELOG.md.
 */
export function scorecardCatalog(dir: string): Entity[] {
  const at = (path: string) => `file:${dir}/${path}`;
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'orders', namespace: 'default' },
      spec: { type: 'team', children: [] },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'legacy', namespace: 'default' },
      spec: { type: 'team', children: [] },
    },
    {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: {
        name: 'golden-path-service',
        namespace: 'default',
        annotations: {
          'plinth.dev/template-version': '1.2.0',
          'backstage.io/managed-by-location': at(
            'templates/golden-path-service/template.yaml',
          ),
        },
      },
      spec: { type: 'service', owner: 'group:default/orders', steps: [] },
    },
    // Passes every check.
    component(
      'orders-service',
      {
        'plinth.dev/tier': 'tier-1',
        'backstage.io/techdocs-ref': 'dir:.',
        'backstage.io/managed-by-location': at(
          'orders-service/catalog-info.yaml',
        ),
        'kafka.apache.org/consumer-groups': 'local/orders-service',
        'plinth.dev/clickhouse-table': 'plinth_events.orders',
        'plinth.dev/template': 'golden-path-service',
        'plinth.dev/template-version': '1.2.0',
      },
      {
        owner: 'group:default/orders',
        lifecycle: 'production',
        providesApis: ['orders-v1'],
      },
    ),
    // Fails every check that applies to it.
    component(
      'legacy-service',
      {
        'backstage.io/techdocs-ref': 'dir:.',
        'backstage.io/managed-by-location': at(
          'legacy-service/catalog-info.yaml',
        ),
        'plinth.dev/template': 'golden-path-service',
        'plinth.dev/template-version': '1.0.0',
      },
      {
        owner: 'user:default/someone',
        providesApis: ['legacy-v1', 'ghost-v1'],
      },
      ['event-consumer'],
    ),
    // An event consumer whose pipeline lags; owned by legacy, otherwise complete.
    component(
      'legacy-ingester',
      {
        'plinth.dev/tier': 'tier-3',
        'kafka.apache.org/consumer-groups': 'local/legacy-ingester',
        'plinth.dev/clickhouse-table': 'plinth_events.legacy',
      },
      { owner: 'group:default/legacy', lifecycle: 'experimental' },
    ),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: 'orders-v1',
        namespace: 'default',
        annotations: { 'plinth.dev/api-family': 'orders' },
      },
      spec: {
        type: 'openapi',
        owner: 'group:default/orders',
        lifecycle: 'production',
        definition: CLEAN_OPENAPI,
      },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: 'legacy-v1',
        namespace: 'default',
        annotations: { 'plinth.dev/api-family': 'legacy' },
      },
      spec: {
        type: 'openapi',
        owner: 'group:default/legacy',
        lifecycle: 'production',
        definition: DIRTY_OPENAPI,
      },
    },
  ];
}

const tier = {
  level: 1,
  name: 'On-call',
  contacts: [{ name: 'Orders on-call', pager: 'pagerduty:PORD1' }],
  hours: { type: '24x7' as const },
  responseMinutes: { 'tier-1': 10 },
};

/** The ownership backend's matrix rows for the components above. */
export const MATRIX_ROWS: OwnershipMatrixRow[] = [
  {
    entityRef: 'component:default/orders-service',
    kind: 'Component',
    name: 'orders-service',
    ownerRef: 'group:default/orders',
    policyRef: 'escalationpolicy:default/orders',
    policySource: 'owner-group',
    tiers: [tier],
    findings: [],
  },
  {
    entityRef: 'component:default/legacy-service',
    kind: 'Component',
    name: 'legacy-service',
    ownerRef: 'user:default/someone',
    policySource: 'none',
    tiers: [],
    findings: ['no-policy'],
  },
  {
    entityRef: 'component:default/legacy-ingester',
    kind: 'Component',
    name: 'legacy-ingester',
    ownerRef: 'group:default/legacy',
    policyRef: 'escalationpolicy:default/legacy',
    policySource: 'owner-group',
    tiers: [{ ...tier, contacts: [] }],
    findings: ['tier-without-contact'],
  },
];

const lag = {
  offsetLag: 0,
  status: 'OK' as const,
  statusCounts: { OK: 1, WARNING: 0, STALLED: 0, STOPPED: 0, ERROR: 0 },
  partitionCount: 1,
  topics: ['events-raw'],
};

/** What the pipeline-health backend answers per entity. */
export const PIPELINE_HEALTH: Record<string, EntityPipelineHealth> = {
  'component:default/orders-service': {
    entityRef: 'component:default/orders-service',
    problems: [],
    consumerGroups: [{ ...lag, cluster: 'local', group: 'orders-service' }],
    clickhouse: {
      table: 'plinth_events.orders',
      source: { state: 'ok' },
    },
    pipelineIds: [],
  },
  'component:default/legacy-ingester': {
    entityRef: 'component:default/legacy-ingester',
    problems: [],
    consumerGroups: [
      {
        ...lag,
        offsetLag: 120_000,
        status: 'STALLED',
        cluster: 'local',
        group: 'legacy-ingester',
      },
    ],
    pipelineIds: [],
  },
};

/** The api-governance backend's family timelines (only what the retriever reads). */
export const FAMILY_TIMELINES: Record<string, unknown> = {
  orders: {
    name: 'orders',
    title: 'Orders',
    lines: [{ entityRef: 'api:default/orders-v1', violations: [] }],
    diffs: [],
    ownership: 'ok',
  },
  legacy: {
    name: 'legacy',
    title: 'Legacy',
    lines: [
      {
        entityRef: 'api:default/legacy-v1',
        violations: [
          {
            ruleId: 'breaking-change-without-major-bump',
            severity: 'error',
            entityRef: 'api:default/legacy-v1',
            message:
              'legacy-v1 1.1.0 removed GET /things without a major version bump',
          },
          {
            ruleId: 'deprecated-without-sunset',
            severity: 'warning',
            entityRef: 'api:default/legacy-v1',
            message: 'no sunset date',
          },
        ],
      },
    ],
    diffs: [],
    ownership: 'ok',
  },
};

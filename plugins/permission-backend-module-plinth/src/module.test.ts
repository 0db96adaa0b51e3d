import {
  coreServices,
  createServiceFactory,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  createPermission,
  type Permission,
} from '@backstage/plugin-permission-common';
import {
  ownershipMatrixExportPermission,
  ownershipMatrixReadPermission,
} from '@plinth/plugin-ownership-common';
import permissionBackendPlugin from '@backstage/plugin-permission-backend';
import { pipelineHealthReadPermission } from '@plinth/plugin-pipeline-health-common';
import request from 'supertest';
import {
  exampleGroups,
  exampleUserInfoFactory,
  exampleUsers,
} from './__testUtils__/exampleOrg';
import { testAuthFactories } from '@plinth/testing';
import { createOwnershipRowsPlugin } from './__testUtils__/ownershipRowsPlugin';
import { RecordingRootLogger } from './__testUtils__/recordingRootLogger';
import { plinthPermissionsServiceFactory } from './automation/plinthPermissionsServiceFactory';
import permissionModulePlinthPolicy from './index';
import { CONFIGURED_GROUPS_CHECK_TASK_ID } from './module';

const catalogEntityRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});
const catalogEntityDelete = createPermission({
  name: 'catalog.entity.delete',
  attributes: { action: 'delete' },
  resourceType: 'catalog-entity',
});
const catalogLocationDelete = createPermission({
  name: 'catalog.location.delete',
  attributes: { action: 'delete' },
});
const catalogLocationCreate = createPermission({
  name: 'catalog.location.create',
  attributes: { action: 'create' },
});
const scaffolderTaskRead = createPermission({
  name: 'scaffolder.task.read',
  attributes: { action: 'read' },
  resourceType: 'scaffolder-task',
});
const serviceCreate = createPermission({
  name: 'plinth.service.create',
  attributes: { action: 'create' },
  resourceType: 'plinth-owner-group',
});
/**
 * `apiGovernanceReadPermission` of @plinth/plugin-api-governance-common, spelled out here
 * (as the catalog's are) so this module does not depend on every plugin's -common package.
 */
const apiGovernanceRead = createPermission({
  name: 'api-governance.read',
  attributes: { action: 'read' },
});
/** A permission of a plugin that has no rule yet. */
const unknownPluginUpdate = createPermission({
  name: 'pipeline-health.threshold.update',
  attributes: { action: 'update' },
});

const BILLING_ROW = 'component:default/billing-service';
const PLATFORM_ROW = 'component:default/user-service';

async function startPolicyBackend(options: { plinth?: JsonObject } = {}) {
  const logger = new RecordingRootLogger();
  const scheduler = mockServices.scheduler();
  let ownershipPermissions: PermissionsService | undefined;
  const backend = await startTestBackend({
    features: [
      permissionBackendPlugin,
      permissionModulePlinthPolicy,
      plinthPermissionsServiceFactory,
      createOwnershipRowsPlugin(p => {
        ownershipPermissions = p;
      }),
      exampleUserInfoFactory(),
      ...testAuthFactories(),
      catalogServiceMock.factory({ entities: exampleGroups }),
      // Tasks run only when a test triggers them.
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      logger.factory(),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          ...(options.plinth ? { plinth: options.plinth } : {}),
        },
      }),
    ],
  });
  return {
    server: backend.server,
    logger,
    scheduler,
    stop: () => backend.stop(),
    permissions: () => {
      if (!ownershipPermissions) {
        throw new Error('the ownership test plugin did not start');
      }
      return ownershipPermissions;
    },
  };
}

type Backend = Awaited<ReturnType<typeof startPolicyBackend>>;

/**
 * Asks the real permission backend for decisions without resource refs, as a plugin
 * does on the user's behalf (the actor), which is how conditional decisions are fetched.
 */
async function decide(
  backend: Backend,
  userRef: string | undefined,
  permissions: Permission[],
) {
  const token = userRef
    ? mockCredentials.user.token(userRef, {
        actor: { subject: 'plugin:ownership' },
      })
    : 'mock-none-token';
  const response = await request(backend.server)
    .post('/api/permission/authorize')
    .set('Authorization', `Bearer ${token}`)
    .send({
      items: permissions.map((permission, i) => ({
        id: String(i),
        permission,
      })),
    });
  expect(response.status).toBe(200);
  return response.body.items as Array<Record<string, unknown>>;
}

function exportRows(backend: Backend, authorization: string, refs: string[]) {
  return request(backend.server)
    .get('/api/ownership/export')
    .query(refs.map(ref => `ref=${encodeURIComponent(ref)}`).join('&'))
    .set('Authorization', authorization);
}

describe('the Plinth permission policy, through the real permission backend', () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await startPolicyBackend();
  });
  afterAll(async () => {
    await backend.stop();
  });

  it('allows a platform engineer to export every row', async () => {
    const [decision] = await decide(
      backend,
      exampleUsers.platformEngineer.ref,
      [ownershipMatrixExportPermission],
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);

    const response = await exportRows(
      backend,
      mockCredentials.user.header(exampleUsers.platformEngineer.ref),
      [BILLING_ROW, PLATFORM_ROW],
    );
    expect(response.status).toBe(200);
    expect(response.body.rows).toEqual([BILLING_ROW, PLATFORM_ROW]);
  });

  it("gives a billing engineer a conditional export limited to their own claims' rows", async () => {
    const [decision] = await decide(backend, exampleUsers.billingEngineer.ref, [
      ownershipMatrixExportPermission,
    ]);
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'ownership',
      resourceType: 'ownership-matrix-row',
      conditions: {
        rule: 'IS_ROW_OWNER',
        params: { claims: [...exampleUsers.billingEngineer.claims] },
      },
    });

    const own = await exportRows(
      backend,
      mockCredentials.user.header(exampleUsers.billingEngineer.ref),
      [BILLING_ROW],
    );
    expect(own.status).toBe(200);

    const everyone = await exportRows(
      backend,
      mockCredentials.user.header(exampleUsers.billingEngineer.ref),
      [BILLING_ROW, PLATFORM_ROW],
    );
    expect(everyone.status).toBe(403);
    expect(everyone.body.error.message).toContain(PLATFORM_ROW);
    expect(everyone.body.error.message).not.toContain(BILLING_ROW);
  });

  it('lets a user in no group export no row', async () => {
    const [decision] = await decide(backend, exampleUsers.guest.ref, [
      ownershipMatrixExportPermission,
    ]);
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { params: { claims: [exampleUsers.guest.ref] } },
    });
    const response = await exportRows(
      backend,
      mockCredentials.user.header(exampleUsers.guest.ref),
      [BILLING_ROW],
    );
    expect(response.status).toBe(403);
  });

  it('lets every signed-in user read the catalog and the ownership matrix', async () => {
    const decisions = await decide(backend, exampleUsers.guest.ref, [
      catalogEntityRead,
      ownershipMatrixReadPermission,
    ]);
    expect(decisions.map(d => d.result)).toEqual([
      AuthorizeResult.ALLOW,
      AuthorizeResult.ALLOW,
    ]);
  });

  it('lets every signed-in user read API governance', async () => {
    const [guest] = await decide(backend, exampleUsers.guest.ref, [
      apiGovernanceRead,
    ]);
    expect(guest.result).toBe(AuthorizeResult.ALLOW);
  });

  it('lets every signed-in user read pipeline health', async () => {
    const [guest] = await decide(backend, exampleUsers.guest.ref, [
      pipelineHealthReadPermission,
    ]);
    expect(guest.result).toBe(AuthorizeResult.ALLOW);
  });

  it("restricts catalog deletes to the entity's owners, except for administrators", async () => {
    const [billing] = await decide(backend, exampleUsers.billingEngineer.ref, [
      catalogEntityDelete,
    ]);
    expect(billing).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        params: { claims: [...exampleUsers.billingEngineer.claims] },
      },
    });
    const [platform] = await decide(
      backend,
      exampleUsers.platformEngineer.ref,
      [catalogEntityDelete],
    );
    expect(platform.result).toBe(AuthorizeResult.ALLOW);
  });

  it('lets signed-in users register locations, and only administrators delete them', async () => {
    const guest = await decide(backend, exampleUsers.guest.ref, [
      catalogLocationCreate,
      catalogLocationDelete,
    ]);
    expect(guest.map(d => d.result)).toEqual([
      AuthorizeResult.ALLOW,
      AuthorizeResult.DENY,
    ]);
    const platform = await decide(backend, exampleUsers.platformEngineer.ref, [
      catalogLocationDelete,
    ]);
    expect(platform.map(d => d.result)).toEqual([AuthorizeResult.ALLOW]);
  });

  it('shows a scaffolder task only to the user who started it', async () => {
    const [decision] = await decide(backend, exampleUsers.guest.ref, [
      scaffolderTaskRead,
    ]);
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'scaffolder',
      conditions: {
        rule: 'IS_TASK_OWNER',
        params: { createdBy: [exampleUsers.guest.ref] },
      },
    });
  });

  it('lets a user create services only for their own groups, administrators for any', async () => {
    const [billing] = await decide(backend, exampleUsers.billingEngineer.ref, [
      serviceCreate,
    ]);
    expect(billing).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'scaffolder',
      resourceType: 'plinth-owner-group',
      conditions: {
        rule: 'IS_OWNER_GROUP_MEMBER',
        params: { claims: [...exampleUsers.billingEngineer.claims] },
      },
    });
    const [platform] = await decide(
      backend,
      exampleUsers.platformEngineer.ref,
      [serviceCreate],
    );
    expect(platform.result).toBe(AuthorizeResult.ALLOW);
  });

  it('denies a permission no rule covers, even to administrators', async () => {
    const decisions = await decide(backend, exampleUsers.platformEngineer.ref, [
      unknownPluginUpdate,
    ]);
    expect(decisions.map(d => d.result)).toEqual([AuthorizeResult.DENY]);
  });

  it('logs a deny with the permission, the principal and the rule, and no token', async () => {
    await decide(backend, exampleUsers.guest.ref, [catalogLocationDelete]);
    expect(backend.logger.records).toContainEqual(
      expect.objectContaining({
        level: 'info',
        message: 'Permission denied',
        fields: expect.objectContaining({
          plugin: 'permission',
          permission: 'catalog.location.delete',
          principal: exampleUsers.guest.ref,
          onBehalfOf: 'plugin:ownership',
          rule: 'catalog.administration',
        }),
      }),
    );
    const everything = JSON.stringify(backend.logger.records);
    expect(everything).not.toContain('mock-user-token');
    expect(everything).not.toContain('mock-service-token');
    expect(everything).not.toContain('mock-limited-user-token');
  });

  it('logs a conditional export as a restriction', async () => {
    await decide(backend, exampleUsers.billingEngineer.ref, [
      ownershipMatrixExportPermission,
    ]);
    expect(backend.logger.records).toContainEqual(
      expect.objectContaining({
        message: 'Permission restricted to a condition',
        fields: expect.objectContaining({
          permission: 'ownership.matrix.export',
          principal: exampleUsers.billingEngineer.ref,
          decision: AuthorizeResult.CONDITIONAL,
          rule: 'ownership.export',
        }),
      }),
    );
  });
});

describe('service principals', () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await startPolicyBackend();
  });
  afterAll(async () => {
    await backend.stop();
  });

  it('grants the automation token reads but not the export, by default', async () => {
    const decisions = await backend.permissions().authorize(
      [
        { permission: catalogEntityRead, resourceRef: BILLING_ROW },
        { permission: ownershipMatrixReadPermission },
        {
          permission: ownershipMatrixExportPermission,
          resourceRef: BILLING_ROW,
        },
      ],
      { credentials: mockCredentials.service('automation') },
    );
    expect(decisions.map(d => d.result)).toEqual([
      AuthorizeResult.ALLOW,
      AuthorizeResult.ALLOW,
      AuthorizeResult.DENY,
    ]);
  });

  it('does not grant API governance to a caller that is not a signed-in user (the automation token)', async () => {
    const [decision] = await backend
      .permissions()
      .authorize([{ permission: apiGovernanceRead }], {
        credentials: mockCredentials.service('automation'),
      });
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });

  it('does not grant the automation token pipeline health unless configured', async () => {
    const [decision] = await backend
      .permissions()
      .authorize([{ permission: pipelineHealthReadPermission }], {
        credentials: mockCredentials.service('automation'),
      });
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });

  it('answers 403 when the automation token calls the export route', async () => {
    const response = await exportRows(
      backend,
      mockCredentials.service.header({
        onBehalfOf: mockCredentials.service('automation'),
        targetPluginId: 'ownership',
      }),
      [BILLING_ROW],
    );
    expect(response.status).toBe(403);
    expect(backend.logger.records).toContainEqual(
      expect.objectContaining({
        message: 'Permission denied',
        fields: expect.objectContaining({
          plugin: 'ownership',
          permission: 'ownership.matrix.export',
          principal: 'service:automation',
          rule: 'plinth.permissions.automation',
        }),
      }),
    );
  });

  it('denies everything to an external subject that config does not list', async () => {
    const decisions = await backend
      .permissions()
      .authorizeConditional([{ permission: catalogEntityRead }], {
        credentials: mockCredentials.service('ci-bot'),
      });
    expect(decisions.map(d => d.result)).toEqual([AuthorizeResult.DENY]);
  });

  it("leaves plugin-to-plugin calls to Backstage's own rules", async () => {
    const decisions = await backend.permissions().authorize(
      [
        {
          permission: ownershipMatrixExportPermission,
          resourceRef: BILLING_ROW,
        },
      ],
      {
        credentials: mockCredentials.service('plugin:search'),
      },
    );
    expect(decisions.map(d => d.result)).toEqual([AuthorizeResult.ALLOW]);
  });

  it("still applies a token's own access restrictions to what config grants", async () => {
    const decisions = await backend
      .permissions()
      .authorize(
        [
          { permission: catalogEntityRead, resourceRef: BILLING_ROW },
          { permission: ownershipMatrixReadPermission },
        ],
        {
          credentials: mockCredentials.service('automation', {
            permissionNames: ['ownership.matrix.read'],
          }),
        },
      );
    expect(decisions.map(d => d.result)).toEqual([
      AuthorizeResult.DENY,
      AuthorizeResult.ALLOW,
    ]);
  });
});

describe('configuration', () => {
  it('grants the automation subject exactly what plinth.permissions.automation lists', async () => {
    const backend = await startPolicyBackend({
      plinth: {
        permissions: {
          automation: [
            { subject: 'automation', allow: ['ownership.matrix.export'] },
          ],
        },
      },
    });
    try {
      const decisions = await backend.permissions().authorize(
        [
          {
            permission: ownershipMatrixExportPermission,
            resourceRef: BILLING_ROW,
          },
          { permission: ownershipMatrixReadPermission },
        ],
        { credentials: mockCredentials.service('automation') },
      );
      expect(decisions.map(d => d.result)).toEqual([
        AuthorizeResult.ALLOW,
        AuthorizeResult.DENY,
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('grants nobody through an exporter group the catalog does not have, and warns naming it', async () => {
    const backend = await startPolicyBackend({
      plinth: {
        permissions: {
          exporters: ['group:default/platfrom', 'group:default/platform'],
        },
      },
    });
    try {
      // The typo grants nothing: a billing engineer still only gets their own rows.
      const [billing] = await decide(
        backend,
        exampleUsers.billingEngineer.ref,
        [ownershipMatrixExportPermission],
      );
      expect(billing.result).toBe(AuthorizeResult.CONDITIONAL);

      // Two checks: the second sees the same groups as the first, so the catalog settled.
      await backend.scheduler.triggerTask(CONFIGURED_GROUPS_CHECK_TASK_ID);
      await backend.scheduler.triggerTask(CONFIGURED_GROUPS_CHECK_TASK_ID);

      const warnings = backend.logger.records.filter(r => r.level === 'warn');
      expect(warnings).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('group:default/platfrom'),
          fields: expect.objectContaining({
            plugin: 'permission',
            group: 'group:default/platfrom',
            configKeys: ['plinth.permissions.exporters'],
          }),
        }),
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('refuses to start with an exporter that is not a group reference', async () => {
    await expect(
      startPolicyBackend({
        plinth: { permissions: { exporters: ['user:default/pat.platform'] } },
      }),
    ).rejects.toThrow(
      "plinth.permissions.exporters[0]: 'user:default/pat.platform' is a user reference",
    );
  });
});

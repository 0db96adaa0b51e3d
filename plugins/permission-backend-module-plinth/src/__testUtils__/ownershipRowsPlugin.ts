import {
  coreServices,
  createBackendPlugin,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  OWNERSHIP_MATRIX_ROW_RESOURCE_TYPE,
  OWNERSHIP_MATRIX_ROW_RULES,
  ownershipMatrixExportPermission,
  ownershipPermissions,
  type IsRowOwnerParams,
} from '@plinth/plugin-ownership-common';

/** Rows of the ownership matrix this stand-in plugin serves: component -> owner group. */
export const exampleRows: Record<string, string> = {
  'component:default/billing-service': 'group:default/billing',
  'component:default/user-service': 'group:default/platform',
};

type Row = { ref: string; owner: string };

const rowResourceRef = createPermissionResourceRef<Row, never>().with({
  pluginId: 'ownership',
  resourceType: OWNERSHIP_MATRIX_ROW_RESOURCE_TYPE,
});

/**
 * A stand-in for the ownership backend's permission integration: it registers the
 * `ownership-matrix-row` resource type with the IS_ROW_OWNER rule (as the real plugin
 * does), so the real permission backend applies the policy's conditions over HTTP, and
 * serves `GET /export?ref=...`, which answers 403 unless every requested row is allowed.
 * It hands its permissions service to the test, to check service principals directly.
 */
export function createOwnershipRowsPlugin(
  onPermissions: (permissions: PermissionsService) => void = () => {},
) {
  return createBackendPlugin({
    pluginId: 'ownership',
    register(reg) {
      reg.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          permissions: coreServices.permissions,
          permissionsRegistry: coreServices.permissionsRegistry,
        },
        async init({ httpRouter, httpAuth, permissions, permissionsRegistry }) {
          onPermissions(permissions);
          permissionsRegistry.addResourceType({
            resourceRef: rowResourceRef,
            permissions: ownershipPermissions,
            rules: [
              createPermissionRule<typeof rowResourceRef, IsRowOwnerParams>({
                name: OWNERSHIP_MATRIX_ROW_RULES.isRowOwner,
                description: 'The row is owned by one of the claims',
                resourceRef: rowResourceRef,
                apply: (row, { claims }) => claims.includes(row.owner),
                toQuery: () => {
                  throw new Error('not queried in this test plugin');
                },
              }),
            ],
            getResources: async refs =>
              refs.map(ref =>
                exampleRows[ref] ? { ref, owner: exampleRows[ref] } : undefined,
              ),
          });

          httpRouter.use(async (req, res, next) => {
            if (req.path !== '/export') {
              next();
              return;
            }
            try {
              const credentials = await httpAuth.credentials(req, {
                allow: ['user', 'service'],
              });
              const refs = ([] as unknown[])
                .concat(req.query.ref ?? [])
                .map(String);
              const decisions = await permissions.authorize(
                refs.map(resourceRef => ({
                  permission: ownershipMatrixExportPermission,
                  resourceRef,
                })),
                { credentials },
              );
              const refused = refs.filter(
                (_, i) => decisions[i].result !== AuthorizeResult.ALLOW,
              );
              if (refused.length) {
                throw new NotAllowedError(
                  `${
                    ownershipMatrixExportPermission.name
                  } denied for ${refused.join(', ')}`,
                );
              }
              res.json({ rows: refs });
            } catch (error) {
              next(error);
            }
          });
        },
      });
    },
  });
}

import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  isError,
} from '@backstage/errors';
import {
  parseEntityYaml,
  type CatalogService,
} from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createTemplateAction,
  initRepoAndPush,
} from '@backstage/plugin-scaffolder-node';
import {
  DevGitHostError,
  parseBranchName,
  parseRepoName,
} from '@plinth/dev-git-host';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { serviceCreatePermission } from '../permissions/serviceCreation';
import {
  requireReferences,
  takenNames,
} from '../services/catalog/catalogReferences';
import type { GitHostClient } from '../services/GitHost/types';
import { annotateSourceLocation } from '../services/workspace/annotateSourceLocation';
import { resolvePublishTree } from '../services/workspace/resolvePublishTree';

export const PUBLISH_GIT_HOST_ACTION_ID = 'plinth:publish:git-host';

/** Who Backstage's guest sign-in signs in as. */
const GUEST_USER_REF = 'user:development/guest';

/** Re-throws the git host package's validation errors as the scaffolder's InputError. */
function checked<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof DevGitHostError) throw new InputError(error.message);
    throw error;
  }
}

/** The owner input as a group ref: `billing`, `group:billing` or `group:default/billing`. */
export function parseOwnerGroup(owner: string): string {
  let ref;
  try {
    ref = parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `owner '${owner}' is not an entity reference: ${
        isError(error) ? error.message : error
      }`,
    );
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
    throw new InputError(
      `owner '${owner}' must be a group (a service is owned by a team), not a ${ref.kind}`,
    );
  }
  return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
}

function describeError(error: unknown): string {
  return isError(error) ? error.message : String(error);
}

/**
 * The new service: the file's Component, else its first entity that is not a Location.
 * The catalog's dry run does not keep the file's order (the golden path's API entity came
 * first, and "Open in catalog" opened the API).
 */
function mainEntityRef(entities: Entity[]): string | undefined {
  const entity =
    entities.find(e => e.kind === 'Component') ??
    entities.find(e => e.kind !== 'Location') ??
    entities.at(0);
  return entity ? stringifyEntityRef(entity) : undefined;
}

/**
 * The entities the catalog file in the workspace declares (Locations left out), as refs,
 * the service first; an unreadable file is an InputError, so the template editor's
 * preview shows it.
 */
async function entityRefsInFile(
  file: string,
  displayPath: string,
): Promise<string[]> {
  const entities: Entity[] = [];
  for (const result of parseEntityYaml(await fs.readFile(file), {
    type: 'file',
    target: displayPath,
  })) {
    if (result.type === 'error') {
      throw new InputError(
        `${displayPath} is not a valid catalog file: ${result.error.message}`,
      );
    }
    if (result.type === 'entity') entities.push(result.entity);
  }
  try {
    const main = mainEntityRef(entities);
    const others = entities
      .filter(e => e.kind !== 'Location')
      .map(e => stringifyEntityRef(e))
      .filter(ref => ref !== main);
    return main ? [main, ...others] : others;
  } catch (error) {
    throw new InputError(
      `${displayPath} has an entity without kind or name: ${describeError(
        error,
      )}`,
    );
  }
}

/**
 * `plinth:publish:git-host`: creates a repository on the local git host, pushes the
 * workspace to it and registers its catalog file, so the new service is in the catalog at
 * once. Nothing is left half-created: when pushing or registering fails, the repository it
 * created is deleted, and when that fails too, the log says what is left and how to remove it.
 */
export function createPublishGitHostAction(options: {
  gitHost: GitHostClient;
  catalog: CatalogService;
  permissions: PermissionsService;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
}) {
  const { gitHost, catalog, permissions, auth } = options;

  async function authorize(
    ownerRef: string,
    credentials: BackstageCredentials,
    userRef: string,
  ) {
    const [decision] = await permissions.authorize(
      [{ permission: serviceCreatePermission, resourceRef: ownerRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      // The guest of `make start` has only the groups its provider config gives it
      // (auth.providers.guest.ownershipEntityRefs: growth in app-config.yaml).
      const hint =
        userRef === GUEST_USER_REF
          ? `. The guest of make start is a member only of the groups in auth.providers.guest.ownershipEntityRefs (growth by default): choose one of them as the owner, or sign in as a member of ${ownerRef} (PLINTH_AUTH=oidc make start)`
          : '';
      throw new NotAllowedError(
        `${userRef} may not create a service owned by ${ownerRef}: services can be created only for a group in the catalog that you belong to (administrators: any group)${hint}`,
      );
    }
  }

  return createTemplateAction({
    id: PUBLISH_GIT_HOST_ACTION_ID,
    description:
      'Creates a repository on the local git host, pushes the workspace to it and registers its catalog-info.yaml in the catalog. Deletes the repository again when the push or the registration fails.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Publish the generated service and register it',
        example: [
          'steps:',
          '  - id: publish',
          '    action: plinth:publish:git-host',
          '    input:',
          '      repoName: ${{ parameters.name }}',
          '      description: ${{ parameters.description }}',
          '      owner: ${{ parameters.owner }}',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .describe(
              "Repository name on the git host: letters, digits, '.', '_' or '-', no slashes",
            ),
        description: z =>
          z.string().optional().describe('Repository description'),
        owner: z =>
          z
            .string()
            .describe(
              'The group that owns the new service (e.g. group:default/billing); you must belong to it',
            ),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Directory inside the workspace to publish; default: the workspace root',
            ),
        defaultBranch: z =>
          z.string().optional().describe('Default branch; default: main'),
        catalogInfoPath: z =>
          z
            .string()
            .optional()
            .describe(
              'The catalog file inside the published directory; default: /catalog-info.yaml',
            ),
        register: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Register the catalog file in the catalog; default: true',
            ),
      },
      output: {
        remoteUrl: z => z.string().describe("The repository's page"),
        cloneUrl: z => z.string().describe('URL for git clone'),
        repoContentsUrl: z =>
          z.string().describe('The file list at the default branch'),
        catalogInfoUrl: z =>
          z.string().describe('The raw catalog file, as the catalog reads it'),
        entityRef: z =>
          z
            .string()
            .optional()
            .describe('The registered entity (the first in the catalog file)'),
      },
    },
    async handler(ctx) {
      const repoName = checked(() => parseRepoName(ctx.input.repoName));
      const defaultBranch = checked(() =>
        parseBranchName(ctx.input.defaultBranch ?? 'main'),
      );
      const ownerRef = parseOwnerGroup(ctx.input.owner);
      const register = ctx.input.register ?? true;
      const tree = await resolvePublishTree({
        workspacePath: ctx.workspacePath,
        sourcePath: ctx.input.sourcePath,
        catalogInfoPath: ctx.input.catalogInfoPath ?? '/catalog-info.yaml',
        requireCatalogInfo: register,
      });
      const urls = gitHost.urlsFor({
        repoName,
        defaultBranch,
        catalogInfoPath: tree.catalogInfoPath,
      });

      const credentials = await ctx.getInitiatorCredentials();
      const userRef = ctx.user?.ref ?? 'This user';
      // An owner that is no group in the catalog is a wrong input, in a preview too: say so
      // (the permission decision below would only say "may not").
      await requireReferences(
        catalog,
        [{ field: 'Owner', ref: ownerRef, kind: 'Group' }],
        credentials,
      );
      // The entities the catalog file would register, the service first.
      const entityRefs = register
        ? await entityRefsInFile(
            join(tree.dir, tree.catalogInfoPath),
            tree.catalogInfoPath,
          )
        : [];
      // A preview in the template editor still shows the files and URLs (the author may
      // preview for another team, or with a placeholder name); the real run enforces these.
      const refuseUnlessDryRun = (error: Error) => {
        if (!ctx.isDryRun) throw error;
        ctx.logger.warn(`Dry run: a real run would fail: ${error.message}`);
      };
      try {
        await authorize(ownerRef, credentials, userRef);
      } catch (error) {
        if (!(error instanceof NotAllowedError)) throw error;
        refuseUnlessDryRun(error);
      }
      // Names are checked with the module's own credentials: an entity the user may not
      // see still holds its name. Before anything is created, so nothing is left behind.
      const taken = await takenNames(
        catalog,
        entityRefs.filter(ref => !ref.startsWith('location:')),
        await auth.getOwnServiceCredentials(),
      );
      if (taken.length > 0) {
        refuseUnlessDryRun(new ConflictError(taken.join('; ')));
      }

      const emitUrls = () => {
        ctx.output('remoteUrl', urls.remoteUrl);
        ctx.output('cloneUrl', urls.cloneUrl);
        ctx.output('repoContentsUrl', urls.repoContentsUrl);
        ctx.output('catalogInfoUrl', urls.catalogInfoUrl);
      };

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would create ${urls.remoteUrl}, push ${
            tree.fileCount
          } files to ${defaultBranch}${
            register ? ` and register ${urls.catalogInfoUrl}` : ''
          }`,
        );
        emitUrls();
        // The entity the real run would register, from the file itself.
        if (entityRefs.length > 0) ctx.output('entityRef', entityRefs[0]);
        return;
      }

      // Checked before creating anything, so a missing token leaves nothing behind.
      const pushAuth = gitHost.pushAuth();
      await gitHost.createRepository({
        repoName,
        description: ctx.input.description,
        defaultBranch,
      });
      ctx.logger.info(`Created repository ${urls.remoteUrl}`);

      const undo = async (reason: string, error: unknown): Promise<never> => {
        ctx.logger.error(
          `${reason}: ${describeError(
            error,
          )}. Deleting the repository ${repoName} it created, so nothing is left half-created`,
        );
        try {
          await gitHost.deleteRepository(repoName);
          ctx.logger.info(`Deleted repository ${urls.remoteUrl}`);
        } catch (cleanupError) {
          ctx.logger.error(
            `Could not delete repository ${repoName} (${describeError(
              cleanupError,
            )}). It is still on the git host at ${
              urls.remoteUrl
            } without a catalog entry; remove it with: curl -X DELETE -H "Authorization: Bearer $PLINTH_GITHOST_TOKEN" ${
              gitHost.baseUrl
            }/api/repos/${encodeURIComponent(repoName)}`,
          );
        }
        throw error;
      };

      try {
        if (register) {
          const annotated = await annotateSourceLocation(
            join(tree.dir, tree.catalogInfoPath),
            `${urls.repoContentsUrl}/`,
          );
          if (annotated.length > 0) {
            ctx.logger.info(
              `Set backstage.io/source-location on ${annotated.join(', ')} in ${
                tree.catalogInfoPath
              }, so "View source" opens ${urls.repoContentsUrl}`,
            );
          }
        }
        const profile = ctx.user?.entity?.spec?.profile;
        await initRepoAndPush({
          dir: tree.dir,
          remoteUrl: urls.cloneUrl,
          auth: pushAuth,
          logger: ctx.logger,
          defaultBranch,
          commitMessage: `Create ${repoName}${
            ctx.templateInfo?.entityRef
              ? ` from ${ctx.templateInfo.entityRef}`
              : ''
          }`,
          gitAuthorInfo: {
            name: profile?.displayName ?? ctx.user?.ref,
            email: profile?.email,
          },
        });
        ctx.logger.info(
          `Pushed ${tree.fileCount} files to ${urls.cloneUrl} (${defaultBranch})`,
        );
      } catch (error) {
        await undo(`Pushing to ${urls.cloneUrl} failed`, error);
      }
      emitUrls();

      if (!register) {
        return;
      }
      try {
        // A dry run first: it reads and validates the file from the git host, and says
        // whether the location is already registered, before anything is stored.
        const preview = await catalog.addLocation(
          { type: 'url', target: urls.catalogInfoUrl, dryRun: true },
          { credentials },
        );
        if (preview.exists) {
          throw new ConflictError(
            `The catalog already has the location ${urls.catalogInfoUrl} (left from an earlier repository of the same name); unregister it in the catalog first`,
          );
        }
        const entityRef = mainEntityRef(preview.entities);
        await catalog.addLocation(
          { type: 'url', target: urls.catalogInfoUrl },
          { credentials },
        );
        ctx.logger.info(
          `Registered ${urls.catalogInfoUrl} in the catalog${
            entityRef ? ` (${entityRef})` : ''
          }`,
        );
        if (entityRef) ctx.output('entityRef', entityRef);
      } catch (error) {
        await undo(
          `Registering ${urls.catalogInfoUrl} in the catalog failed`,
          error,
        );
      }
    },
  });
}

import { readdir } from 'node:fs/promises';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';

/** What the templates handed to the publish step, for assertions. */
export type PublishCall = {
  input: Record<string, unknown>;
  files: string[];
};

/**
 * Stands in for `plinth:publish:git-host` (built in this package's src/actions by another
 * change) with the same input and output contract, so the templates' dry-runs can run
 * before it lands. It records what the template passed and answers the dry-run outputs.
 * Replace with the real module once it is exported from src/index.ts.
 */
export function publishGitHostStandIn(calls: PublishCall[]) {
  return createBackendModule({
    pluginId: 'scaffolder',
    moduleId: 'plinth-publish-stand-in',
    register(reg) {
      reg.registerInit({
        deps: { scaffolder: scaffolderActionsExtensionPoint },
        async init({ scaffolder }) {
          scaffolder.addActions(
            createTemplateAction({
              id: 'plinth:publish:git-host',
              description:
                'Test stand-in for the local git host publish action',
              supportsDryRun: true,
              schema: {
                input: {
                  repoName: z => z.string(),
                  description: z => z.string().optional(),
                  owner: z => z.string(),
                  sourcePath: z => z.string().optional(),
                  defaultBranch: z => z.string().default('main'),
                  catalogInfoPath: z =>
                    z.string().default('/catalog-info.yaml'),
                  register: z => z.boolean().default(true),
                },
                output: {
                  remoteUrl: z => z.string(),
                  cloneUrl: z => z.string(),
                  repoContentsUrl: z => z.string(),
                  catalogInfoUrl: z => z.string(),
                  entityRef: z => z.string(),
                },
              },
              async handler(ctx) {
                const files = (
                  await readdir(ctx.workspacePath, { recursive: true })
                ).map(String);
                calls.push({ input: { ...ctx.input }, files });
                const base = `http://127.0.0.1:1/git/${ctx.input.repoName}`;
                ctx.output('remoteUrl', base);
                ctx.output('cloneUrl', `${base}.git`);
                ctx.output('repoContentsUrl', `${base}/tree/main`);
                ctx.output(
                  'catalogInfoUrl',
                  `${base}/blob/main${ctx.input.catalogInfoPath}`,
                );
                ctx.output(
                  'entityRef',
                  `component:default/${ctx.input.repoName}`,
                );
              },
            }),
          );
        },
      });
    },
  });
}

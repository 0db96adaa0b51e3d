import {
  createBackendModule,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A test step that writes the files (and symlinks) a test names into the task workspace,
 * standing in for a template's fetch step, so each test can shape what gets published.
 */
export const writeWorkspaceModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'test-write-workspace',
  register(reg) {
    reg.registerInit({
      deps: { actions: scaffolderActionsExtensionPoint },
      async init({ actions }) {
        actions.addActions(
          createTemplateAction({
            id: 'test:write-workspace',
            supportsDryRun: true,
            schema: {
              input: {
                files: z => z.record(z.string(), z.string()),
                symlinks: z => z.record(z.string(), z.string()).optional(),
              },
            },
            async handler(ctx) {
              const entries = [
                ...Object.entries(ctx.input.files),
                ...Object.entries(ctx.input.symlinks ?? {}),
              ];
              for (const [path] of entries) {
                await fs.mkdir(
                  dirname(resolveSafeChildPath(ctx.workspacePath, path)),
                  { recursive: true },
                );
              }
              for (const [path, content] of Object.entries(ctx.input.files)) {
                await fs.writeFile(
                  resolveSafeChildPath(ctx.workspacePath, path),
                  content,
                );
              }
              for (const [path, target] of Object.entries(
                ctx.input.symlinks ?? {},
              )) {
                await fs.symlink(
                  target,
                  resolveSafeChildPath(ctx.workspacePath, path),
                );
              }
            },
          }),
        );
      },
    });
  },
});

import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackendPlugin from '@backstage/plugin-permission-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import permissionModulePlinthPolicy, {
  plinthPermissionsServiceFactory,
} from '@plinth/plugin-permission-backend-module-plinth';
import { testAuthFactories } from '@plinth/testing';
import { scaffolderModulePlinth } from '../../module';
import request from 'supertest';
import { parse } from 'yaml';
import { loadExampleCatalog, TEMPLATES_DIR } from './exampleCatalog';

export const USER = 'user:default/ana-ruiz';

export type DryRunResult = {
  status: number;
  body: any;
  /** Generated files by path (relative to the workspace), decoded as UTF-8. */
  files: Map<string, string>;
  log: string[];
};

/** Where the publish action would push; nothing listens there: a dry-run never pushes. */
export const GIT_HOST = 'http://127.0.0.1:1';

/**
 * The real scaffolder backend (its /v2/dry-run endpoint, the template editor's preview)
 * with Plinth's scaffolder module (plinth:publish:git-host), the real permission backend
 * and the Plinth policy, over the example catalog.
 */
export async function startTemplateBackend() {
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModulePlinth,
      permissionBackendPlugin,
      permissionModulePlinthPolicy,
      plinthPermissionsServiceFactory,
      ...testAuthFactories(),
      catalogServiceMock.factory({ entities: await loadExampleCatalog() }),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          integrations: {},
          plinth: { gitHost: { baseUrl: GIT_HOST } },
        },
      }),
    ],
  });

  async function dryRun(
    templateName: string,
    values: Record<string, unknown>,
    options: { authorization?: string | null } = {},
  ): Promise<DryRunResult> {
    const dir = join(TEMPLATES_DIR, templateName);
    const template = parse(await readFile(join(dir, 'template.yaml'), 'utf8'));
    const directoryContents = await serializeTemplateDir(dir);
    let req = request(backend.server)
      .post('/api/scaffolder/v2/dry-run')
      .send({ template, values, directoryContents });
    const authorization =
      options.authorization === undefined
        ? mockCredentials.user.header(USER)
        : options.authorization;
    if (authorization) {
      req = req.set('Authorization', authorization);
    }
    const response = await req;
    const files = new Map<string, string>();
    for (const file of response.body?.directoryContents ?? []) {
      files.set(
        file.path,
        Buffer.from(file.base64Content, 'base64').toString('utf8'),
      );
    }
    const log = (response.body?.log ?? []).map(
      (entry: { body: { message: string } }) => entry.body.message,
    );
    return { status: response.status, body: response.body, files, log };
  }

  return { dryRun, stop: () => backend.stop() };
}

/** Every file of a template directory, as the template editor uploads it. */
async function serializeTemplateDir(dir: string) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.push({
      path: relative(dir, path),
      base64Content: (await readFile(path)).toString('base64'),
    });
  }
  return files;
}

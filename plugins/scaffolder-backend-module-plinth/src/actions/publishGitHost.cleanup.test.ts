import { promises as fs } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startDevGitHost, type DevGitHost } from '@plinth/dev-git-host';
import { HttpGitHostClient } from '../services/GitHost/HttpGitHostClient';
import type { GitHostClient } from '../services/GitHost/types';
import { createPublishGitHostAction } from './publishGitHost';

const TOKEN = 'cleanup-test-token-91b2';

/**
 * What the run log says when the clean-up itself fails. The git host is real; only its
 * delete is made to fail (the narrow port), and the catalog cannot register (the in-memory
 * catalog does not implement locations). The permission decision is not what is under test
 * here (publishGitHost.test.ts runs the real policy), so it simply allows.
 */
describe('plinth:publish:git-host when cleaning up fails', () => {
  let tmp: string;
  let host: DevGitHost;

  beforeAll(async () => {
    tmp = await fs.mkdtemp(join(os.tmpdir(), 'publish-cleanup-'));
    host = await startDevGitHost({ root: join(tmp, 'repos'), token: TOKEN });
  });

  afterAll(async () => {
    await host.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('says exactly which repository is left and how to remove it, without the token', async () => {
    const real = new HttpGitHostClient({ baseUrl: host.baseUrl, token: TOKEN });
    const gitHost: GitHostClient = {
      baseUrl: real.baseUrl,
      urlsFor: options => real.urlsFor(options),
      createRepository: options => real.createRepository(options),
      pushAuth: () => real.pushAuth(),
      deleteRepository: async () => {
        throw new ServiceUnavailableError('the git host went away');
      },
    };
    const allow: PermissionsService = {
      authorize: async requests =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      authorizeConditional: async () => {
        throw new Error('not used');
      },
    };
    const action = createPublishGitHostAction({
      gitHost,
      // The owner group exists; the new service's name is free.
      catalog: catalogServiceMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Group',
            metadata: { name: 'billing', namespace: 'default' },
            spec: { type: 'team', children: [] },
          },
        ],
      }),
      permissions: allow,
      auth: mockServices.auth(),
    });

    const workspace = join(tmp, 'workspace');
    await fs.mkdir(workspace);
    await fs.writeFile(
      join(workspace, 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: left-behind\nspec: {}\n',
    );
    const lines: string[] = [];
    const logger = {
      info: (m: string) => lines.push(m),
      warn: (m: string) => lines.push(m),
      error: (m: string) => lines.push(m),
      debug: (m: string) => lines.push(m),
      child: () => logger,
    };
    await expect(
      action.handler({
        logger,
        workspacePath: workspace,
        input: { repoName: 'left-behind', owner: 'billing' },
        output: () => {},
        checkpoint: async ({ fn }: { fn: () => unknown }) => fn(),
        createTemporaryDirectory: async () => tmp,
        getInitiatorCredentials: async () =>
          mockCredentials.user('user:default/ana'),
        task: { id: 'task-1' },
        user: { ref: 'user:default/ana' },
      } as any),
    ).rejects.toThrow('Method not implemented');

    const log = lines.join('\n');
    expect(log).toContain(
      `Could not delete repository left-behind (the git host went away). It is still on the git host at ${host.baseUrl}/left-behind without a catalog entry; remove it with: curl -X DELETE -H "Authorization: Bearer $PLINTH_GITHOST_TOKEN" ${host.baseUrl}/api/repos/left-behind`,
    );
    expect(log).not.toContain(TOKEN);
    expect((await fetch(`${host.baseUrl}/api/repos/left-behind`)).status).toBe(
      200,
    );
  });
});

import {
  coreServices,
  createServiceFactory,
  type BackstageCredentials,
  type BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';

/** Users of the test organisation, with the ownership claims sign-in would give them. */
export const users = {
  /** Member of billing. */
  ana: {
    ref: 'user:default/ana',
    claims: ['user:default/ana', 'group:default/billing'],
  },
  /** Member of platform, the administrator group. */
  pat: {
    ref: 'user:default/pat',
    claims: ['user:default/pat', 'group:default/platform'],
  },
} as const;

/**
 * The user info service of a signed-in organisation (the identity fixture, not a
 * decision): the Plinth policy under test reads these claims and decides.
 */
export function userInfoFactory() {
  const claimsByRef = new Map<string, readonly string[]>(
    Object.values(users).map(u => [u.ref, u.claims]),
  );
  return createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials: BackstageCredentials) {
        const principal = credentials.principal as BackstageUserPrincipal;
        if (principal.type !== 'user') {
          throw new NotAllowedError('Only users have user info');
        }
        return {
          userEntityRef: principal.userEntityRef,
          ownershipEntityRefs: [
            ...(claimsByRef.get(principal.userEntityRef) ?? [
              principal.userEntityRef,
            ]),
          ],
        };
      },
    }),
  });
}

const group = (name: string) => `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ${name}
spec:
  type: team
  children: []
`;

const user = (
  name: string,
  memberOf: string,
) => `apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ${name}
spec:
  profile:
    displayName: ${name[0].toUpperCase()}${name.slice(1)} Tester
    email: ${name}@plinth.dev
  memberOf: [${memberOf}]
`;

/** The catalog file of the test organisation, with one service billing already has. */
export const orgYaml = [
  group('platform'),
  group('billing'),
  user('ana', 'billing'),
  user('pat', 'platform'),
  componentYaml('ledger', 'group:default/billing'),
].join('---\n');

/** A template that writes the given files, then publishes them with the action under test. */
export const publishTemplateYaml = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: publish-test
spec:
  owner: group:default/platform
  type: service
  parameters:
    - properties:
        repoName: { type: string }
        owner: { type: string }
        files: { type: object }
        symlinks: { type: object }
        sourcePath: { type: string }
  steps:
    - id: write
      name: Write files
      action: test:write-workspace
      input:
        files: \${{ parameters.files }}
        symlinks: \${{ parameters.symlinks }}
    - id: publish
      name: Publish
      action: plinth:publish:git-host
      input:
        repoName: \${{ parameters.repoName }}
        description: A service made by a test
        owner: \${{ parameters.owner }}
        sourcePath: \${{ parameters.sourcePath }}
  output:
    remoteUrl: \${{ steps.publish.output.remoteUrl }}
    cloneUrl: \${{ steps.publish.output.cloneUrl }}
    repoContentsUrl: \${{ steps.publish.output.repoContentsUrl }}
    catalogInfoUrl: \${{ steps.publish.output.catalogInfoUrl }}
    entityRef: \${{ steps.publish.output.entityRef }}
`;

/** A catalog file for a new component. */
export function componentYaml(name: string, owner: string) {
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  description: Made by a test
spec:
  type: service
  lifecycle: experimental
  owner: ${owner}
`;
}

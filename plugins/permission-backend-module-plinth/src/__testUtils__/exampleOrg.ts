import {
  coreServices,
  createServiceFactory,
  type BackstageUserPrincipal,
  type BackstageCredentials,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';

/** Users of a small organisation, with the ownership claims sign-in would give them. */
export const exampleUsers = {
  /** Member of the platform team (the default exporter and administrator group). */
  platformEngineer: {
    ref: 'user:default/pat.platform',
    claims: ['user:default/pat.platform', 'group:default/platform'],
  },
  /** Member of the billing team. */
  billingEngineer: {
    ref: 'user:default/bea.billing',
    claims: ['user:default/bea.billing', 'group:default/billing'],
  },
  /** Signed in, member of no group. */
  guest: {
    ref: 'user:default/guest',
    claims: ['user:default/guest'],
  },
} as const;

/**
 * The user info service of a signed-in organisation: ownership claims per user, as the
 * sign-in resolver puts them in the token. This is the identity fixture, not a decision:
 * the policy under test reads these claims and decides.
 */
export function exampleUserInfoFactory() {
  const claimsByRef = new Map<string, readonly string[]>(
    Object.values(exampleUsers).map(u => [u.ref, u.claims]),
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
        const claims = claimsByRef.get(principal.userEntityRef) ?? [
          principal.userEntityRef,
        ];
        return {
          userEntityRef: principal.userEntityRef,
          ownershipEntityRefs: [...claims],
        };
      },
    }),
  });
}

export function groupEntity(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}

/** The example organisation's groups, as the catalog holds them. */
export const exampleGroups: Entity[] = [
  groupEntity('platform'),
  groupEntity('billing'),
];

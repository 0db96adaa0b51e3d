import { useEffect, useState } from 'react';
import { SidebarItem } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import AccountCircleIcon from '@mui/icons-material/AccountCircle';

/** "Ana Ruiz · platform": the display name and the groups in the ownership claims. */
export function describeSignedInUser(
  displayName: string | undefined,
  userEntityRef: string,
  ownershipEntityRefs: string[],
): { label: string; entityPath?: string } {
  const [, namespace = 'default', name = userEntityRef] =
    /^user:([^/]+)\/(.+)$/.exec(userEntityRef) ?? [];
  const teams = ownershipEntityRefs
    .map(ref => /^group:[^/]+\/(.+)$/.exec(ref)?.[1])
    .filter((team): team is string => Boolean(team))
    .sort();
  return {
    label: `${displayName ?? name} · ${
      teams.length > 0 ? teams.join(', ') : 'no team'
    }`,
    entityPath: userEntityRef.startsWith('user:')
      ? `/catalog/${namespace}/user/${name}`
      : undefined,
  };
}

/**
 * Who is signed in, and in which team, from the catalog User (the profile's display name
 * and the identity's ownership refs), as a sidebar item linking to the User page.
 */
export function SignedInUser() {
  const identityApi = useApi(identityApiRef);
  const [state, setState] = useState<ReturnType<typeof describeSignedInUser>>();

  useEffect(() => {
    let cancelled = false;
    Promise.all([
      identityApi.getProfileInfo(),
      identityApi.getBackstageIdentity(),
    ])
      .then(([profile, identity]) => {
        if (cancelled) return;
        setState(
          describeSignedInUser(
            profile.displayName,
            identity.userEntityRef,
            identity.ownershipEntityRefs,
          ),
        );
      })
      .catch(() => {
        // No identity (signing out): nothing to show.
      });
    return () => {
      cancelled = true;
    };
  }, [identityApi]);

  if (!state) return null;
  return (
    <div data-testid="signed-in-user">
      <SidebarItem
        icon={AccountCircleIcon}
        text={state.label}
        to={state.entityPath ?? '/settings'}
      />
    </div>
  );
}

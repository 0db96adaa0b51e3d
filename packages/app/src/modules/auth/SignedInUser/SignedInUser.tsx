import { useEffect, useState } from 'react';
import { useSidebarOpenState } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import AccountCircleIcon from '@mui/icons-material/AccountCircle';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router-dom';

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
 * and the identity's ownership refs), in the sidebar, linking to the User page. Not a
 * SidebarItem: that cuts its label to one short line ("Ana Ruiz · p…"); this one wraps.
 */
export function SignedInUser() {
  const identityApi = useApi(identityApiRef);
  const { isOpen } = useSidebarOpenState();
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
    <Box
      // A plain router link: the core-components Link would paint it link-blue on the
      // dark sidebar.
      component={RouterLink}
      to={state.entityPath ?? '/settings'}
      aria-label={`Signed in as ${state.label}`}
      title={state.label}
      sx={{
        display: 'flex',
        alignItems: 'center',
        gap: 1.5,
        px: 3,
        py: 1.5,
        // The sidebar's own text colour (Backstage theme), not the link blue.
        color: 'navigation.color',
        textDecoration: 'none',
        '&:hover, &:focus-visible': { color: 'navigation.selectedColor' },
      }}
    >
      <AccountCircleIcon fontSize="small" />
      {isOpen && (
        <Typography
          data-testid="signed-in-user"
          variant="body2"
          sx={{ overflowWrap: 'anywhere' }}
        >
          {state.label}
        </Typography>
      )}
    </Box>
  );
}

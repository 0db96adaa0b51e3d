import {
  Link,
  sidebarConfig,
  useSidebarOpenState,
} from '@backstage/core-components';
import Box from '@mui/material/Box';
import { LogoFull } from './LogoFull';
import { LogoIcon } from './LogoIcon';

export const SidebarLogo = () => {
  const { isOpen } = useSidebarOpenState();

  return (
    <Box
      sx={{
        width: sidebarConfig.drawerWidthClosed,
        height: 3 * sidebarConfig.logoHeight,
        display: 'flex',
        flexFlow: 'row nowrap',
        alignItems: 'center',
        marginBottom: '-14px',
      }}
    >
      <Link
        to="/"
        underline="none"
        aria-label="Plinth home"
        style={{ marginLeft: 24, whiteSpace: 'nowrap' }}
      >
        {isOpen ? <LogoFull /> : <LogoIcon />}
      </Link>
    </Box>
  );
};

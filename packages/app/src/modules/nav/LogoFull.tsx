import { LogoIcon } from './LogoIcon';

export const LogoFull = () => (
  <span
    style={{
      display: 'inline-flex',
      alignItems: 'center',
      gap: 10,
      color: '#ffffff',
      fontSize: 24,
      fontWeight: 700,
      letterSpacing: 0.5,
    }}
  >
    <LogoIcon />
    Plinth
  </span>
);

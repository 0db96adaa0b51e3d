/** The Plinth mark: a stepped base (plinth) supporting a column of services. */
export const LogoIcon = () => (
  <svg
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 32 32"
    height={28}
    role="img"
    aria-label="Plinth"
  >
    <rect x="11" y="3" width="10" height="16" rx="1.5" fill="#7df3e1" />
    <rect x="7" y="21" width="18" height="3.5" rx="1" fill="#7df3e1" />
    <rect x="3" y="26" width="26" height="3.5" rx="1" fill="#7df3e1" />
  </svg>
);

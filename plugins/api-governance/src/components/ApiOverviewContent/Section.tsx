import { InfoCard } from '@backstage/core-components';
import Box from '@mui/material/Box';
import type { ReactNode } from 'react';

/**
 * One part of the specification sheet: a labelled region, so screen readers and tests find
 * "Endpoint structure" or "Dependency map" by name.
 */
export const Section = ({
  title,
  subheader,
  children,
}: {
  title: string;
  subheader?: string;
  children: ReactNode;
}) => (
  <Box component="section" aria-label={title}>
    <InfoCard title={title} subheader={subheader}>
      {children}
    </InfoCard>
  </Box>
);

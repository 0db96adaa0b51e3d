import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The Adoption page, `/adoption` by default. */
export const rootRouteRef = createRouteRef();

import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The API versions page, `/api-versions` by default. */
export const rootRouteRef = createRouteRef();

/** One API family: timeline, policy violations, consumer impact per line. */
export const familyRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/:family',
});

/** The diff between two lines of a family (`?from=&to=` pick the lines). */
export const diffRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/:family/diff',
});

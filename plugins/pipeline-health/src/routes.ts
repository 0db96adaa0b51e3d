import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The Pipelines page, `/pipelines` by default. */
export const rootRouteRef = createRouteRef();

/** One pipeline's detail page, below the Pipelines page. */
export const pipelineRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/:pipelineId',
});

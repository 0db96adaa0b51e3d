import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import HistoryIcon from '@mui/icons-material/History';
import { ApiGovernanceClient } from '@plinth/plugin-api-governance-common';
import { apiGovernanceApiRef } from './api';
import { diffRouteRef, familyRouteRef, rootRouteRef } from './routes';

export const apiGovernanceApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: apiGovernanceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ApiGovernanceClient({ discoveryApi, fetchApi }),
    }),
});

/** Families, timelines, diffs and consumer impact; the nav item "API versions". */
export const apiVersionsPage = PageBlueprint.make({
  params: {
    path: '/api-versions',
    title: 'API versions',
    icon: <HistoryIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/ApiVersionsRoutes').then(m => (
        <m.ApiVersionsRoutes />
      )),
  },
});

/** The internal API specification sheet, on every API entity. */
export const apiOverviewEntityContent = EntityContentBlueprint.make({
  name: 'api-overview',
  params: {
    path: 'api-overview',
    title: 'API overview',
    filter: { kind: 'api' },
    loader: () =>
      import('./components/ApiOverviewContent').then(m => (
        <m.ApiOverviewContent />
      )),
  },
});

/** The platform's API guideline findings for one line. */
export const apiLintEntityContent = EntityContentBlueprint.make({
  name: 'api-lint',
  params: {
    path: 'api-lint',
    title: 'Lint',
    filter: { kind: 'api' },
    loader: () =>
      import('./components/LintContent').then(m => <m.LintContent />),
  },
});

export const apiGovernancePlugin = createFrontendPlugin({
  pluginId: 'api-governance',
  title: 'API versions',
  icon: <HistoryIcon />,
  routes: { root: rootRouteRef, family: familyRouteRef, diff: diffRouteRef },
  extensions: [
    apiGovernanceApi,
    apiVersionsPage,
    apiOverviewEntityContent,
    apiLintEntityContent,
  ],
});

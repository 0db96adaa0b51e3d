import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import HistoryIcon from '@mui/icons-material/History';
import { diffRouteRef, familyRouteRef, rootRouteRef } from './routes';

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

export const apiGovernancePlugin = createFrontendPlugin({
  pluginId: 'api-governance',
  title: 'API versions',
  icon: <HistoryIcon />,
  routes: { root: rootRouteRef, family: familyRouteRef, diff: diffRouteRef },
  extensions: [apiOverviewEntityContent],
});

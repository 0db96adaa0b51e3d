import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import { adoptionApiRef } from './api';
import { AdoptionClient } from './client';
import { rootRouteRef } from './routes';

export const adoptionApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: adoptionApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AdoptionClient({ discoveryApi, fetchApi }),
    }),
});

export const adoptionPage = PageBlueprint.make({
  params: {
    path: '/adoption',
    title: 'Adoption',
    icon: <FactCheckIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/AdoptionPage').then(m => <m.AdoptionPage />),
  },
});

export const adoptionEntityCard = EntityCardBlueprint.make({
  name: 'scorecard',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/AdoptionCard').then(m => <m.AdoptionCard />),
  },
});

export const adoptionPlugin = createFrontendPlugin({
  pluginId: 'adoption',
  title: 'Adoption',
  icon: <FactCheckIcon />,
  routes: { root: rootRouteRef },
  extensions: [adoptionApi, adoptionPage, adoptionEntityCard],
});

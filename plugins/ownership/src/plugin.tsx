import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import { OwnershipClient } from '@plinth/plugin-ownership-common';
import { ownershipApiRef } from './api';
import { rootRouteRef } from './routes';

export const ownershipApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: ownershipApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OwnershipClient({ discoveryApi, fetchApi }),
    }),
});

export const ownershipPage = PageBlueprint.make({
  params: {
    path: '/ownership',
    title: 'Ownership',
    icon: <SupportAgentIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/OwnershipPage').then(m => <m.OwnershipPage />),
  },
});

export const whoToCallCard = EntityCardBlueprint.make({
  name: 'who-to-call',
  params: {
    filter: { kind: { $in: ['component', 'api', 'resource'] } },
    loader: () =>
      import('./components/WhoToCallCard').then(m => <m.WhoToCallCard />),
  },
});

export const groupOwnershipCard = EntityCardBlueprint.make({
  name: 'group-ownership',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('./components/GroupOwnershipCard').then(m => (
        <m.GroupOwnershipCard />
      )),
  },
});

export const ownershipPlugin = createFrontendPlugin({
  pluginId: 'ownership',
  title: 'Ownership',
  icon: <SupportAgentIcon />,
  routes: { root: rootRouteRef },
  extensions: [ownershipApi, ownershipPage, whoToCallCard, groupOwnershipCard],
});

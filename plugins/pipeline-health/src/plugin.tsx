import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import { PipelineHealthClient } from '@plinth/plugin-pipeline-health-common';
import { pipelineHealthApiRef } from './api';
import { pipelineRouteRef, rootRouteRef } from './routes';

export const pipelineHealthApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: pipelineHealthApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PipelineHealthClient({ discoveryApi, fetchApi }),
    }),
});

export const pipelinesPage = PageBlueprint.make({
  params: {
    path: '/pipelines',
    title: 'Pipelines',
    icon: <MonitorHeartIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/PipelinesRoutes').then(m => <m.PipelinesRoutes />),
  },
});

export const pipelineHealthEntityContent = EntityContentBlueprint.make({
  name: 'pipeline-health',
  params: {
    path: 'pipeline-health',
    title: 'Pipeline health',
    // Either annotation (KAFKA_CONSUMER_GROUPS_ANNOTATION, CLICKHOUSE_TABLE_ANNOTATION; the
    // plugin test checks these keys against -common). A predicate rather than a function,
    // so an app can override it in app-config; dotted annotation keys match as whole keys.
    filter: {
      $any: [
        {
          'metadata.annotations.kafka.apache.org/consumer-groups': {
            $exists: true,
          },
        },
        {
          'metadata.annotations.plinth.dev/clickhouse-table': { $exists: true },
        },
      ],
    },
    loader: () =>
      import('./components/EntityPipelineHealthContent').then(m => (
        <m.EntityPipelineHealthContent />
      )),
  },
});

export const pipelineHealthPlugin = createFrontendPlugin({
  pluginId: 'pipeline-health',
  title: 'Pipelines',
  icon: <MonitorHeartIcon />,
  routes: { root: rootRouteRef, pipeline: pipelineRouteRef },
  extensions: [pipelineHealthApi, pipelinesPage, pipelineHealthEntityContent],
});

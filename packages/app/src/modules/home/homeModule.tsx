import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
## Welcome to Plinth

Plinth is where the platform team's practices live as software: who owns
each service and how to reach them, every internal API and its versions,
golden-path templates for new services, and the health of the event pipeline.

- **[Catalog](/catalog)**: every domain, system, service, API and resource,
  with its owner and its place in the dependency map.
- **[APIs](/api-docs)**: the OpenAPI definition of each internal API, one entry per major version line.
- **[Docs](/docs)**: TechDocs for each service, starting with the
  [platform architecture blueprint](/docs/default/component/plinth-portal/architecture/blueprint/).
- **[Create](/create)**: golden-path templates that start a compliant new service.

New here? Find your team under **Catalog → Group**, then check that each
service you own has a lifecycle, a tier (\`plinth.dev/tier\`) and documentation.
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'Getting started with Plinth',
    description: 'What Plinth is for and where to find things',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});

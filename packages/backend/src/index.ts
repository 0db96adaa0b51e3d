// The Plinth backend: wiring only. Each feature lives in its own plugin or module package.
import { createBackend } from '@backstage/backend-defaults';
import { plinthPermissionsServiceFactory } from '@plinth/plugin-permission-backend-module-plinth';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Auth: guest sign-in for local development only (refused outside NODE_ENV=development).
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@plinth/plugin-auth-backend-module-plinth')); // OIDC -> catalog User by email

// Catalog, with processing errors surfaced in the logs and the unprocessed-entities view.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
// plinth:publish:git-host: publish new services to the local git host, then register them.
backend.add(import('@plinth/plugin-scaffolder-backend-module-plinth'));

backend.add(import('@backstage/plugin-techdocs-backend'));

// Permissions: the Plinth policy decides every plugin's permissions (rule table in
// plugins/permission-backend-module-plinth), and the permissions service limits external
// service tokens to what plinth.permissions.automation grants.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('@plinth/plugin-permission-backend-module-plinth'));
backend.add(plinthPermissionsServiceFactory);

// Search: Postgres engine in production, in-memory Lunr otherwise.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// In-process event bus: catalog and signals subscribe to it.
backend.add(import('@backstage/plugin-events-backend'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.add(import('@plinth/plugin-catalog-backend-module-plinth'));
backend.add(import('@plinth/plugin-ownership-backend'));
backend.add(import('@plinth/plugin-pipeline-health-backend'));
// API families: version timelines, lint, diffs, policy violations, consumer impact.
backend.add(import('@plinth/plugin-api-governance-backend'));
// Adoption scorecard: the community Tech Insights backend with Plinth's retrievers and checks.
// Plinth's module sets the json-rules-engine checker itself (with its checks), so the jsonfc
// package's own module, which would set a second checker from config, is not added.
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(import('@plinth/plugin-tech-insights-backend-module-plinth'));
backend.start();

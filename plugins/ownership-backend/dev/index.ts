import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { fixtureEntities } from '../src/__fixtures__/fixtureCatalog';

// Standalone backend with a fixture catalog (one coverage finding of each type).
//
//   yarn start
//   curl http://localhost:7007/api/ownership/v1/health
//   curl 'http://localhost:7007/api/ownership/v1/matrix?tier=tier-1'
//   curl http://localhost:7007/api/ownership/v1/coverage
//   curl -OJ http://localhost:7007/api/ownership/v1/matrix.csv
//
// The mock httpAuth treats requests without a token as a user; send
// `Authorization: Bearer mock-none-token` to see the 401.

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(catalogServiceMock.factory({ entities: fixtureEntities }));
backend.add(import('../src'));

backend.start();

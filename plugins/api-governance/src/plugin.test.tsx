import type { Entity } from '@backstage/catalog-model';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  apiGovernancePlugin,
  apiLintEntityContent,
  apiOverviewEntityContent,
} from './plugin';

const entity = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
  spec: {},
});

describe('api-governance plugin', () => {
  it('provides the API, the API versions page and both API entity tabs', () => {
    for (const id of [
      'api:api-governance',
      'page:api-governance',
      'entity-content:api-governance/api-overview',
      'entity-content:api-governance/api-lint',
    ]) {
      expect(apiGovernancePlugin.getExtension(id as any)).toBeDefined();
    }
  });

  it('shows the API overview and Lint tabs on API entities only', () => {
    const filters = [
      createExtensionTester(apiOverviewEntityContent).get(
        EntityContentBlueprint.dataRefs.filterFunction,
      )!,
      createExtensionTester(apiLintEntityContent).get(
        EntityContentBlueprint.dataRefs.filterFunction,
      )!,
    ];
    for (const filter of filters) {
      expect(filter(entity('API'))).toBe(true);
      expect(filter(entity('Component'))).toBe(false);
    }
  });
});

import type { Entity } from '@backstage/catalog-model';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { adoptionEntityCard, adoptionPlugin } from './plugin';

const entity = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
  spec: {},
});

describe('adoption plugin', () => {
  it('provides the API, the Adoption page and the entity card', () => {
    for (const id of [
      'api:adoption',
      'page:adoption',
      'entity-card:adoption/scorecard',
    ]) {
      expect(adoptionPlugin.getExtension(id as any)).toBeDefined();
    }
  });

  it('shows the scorecard card on components only', () => {
    const filter = createExtensionTester(adoptionEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(filter(entity('Component'))).toBe(true);
    expect(filter(entity('API'))).toBe(false);
    expect(filter(entity('Group'))).toBe(false);
  });
});

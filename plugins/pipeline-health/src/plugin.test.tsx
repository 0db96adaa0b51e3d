import type { Entity } from '@backstage/catalog-model';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  CLICKHOUSE_TABLE_ANNOTATION,
  KAFKA_CONSUMER_GROUPS_ANNOTATION,
} from '@plinth/plugin-pipeline-health-common';
import { pipelineHealthEntityContent, pipelineHealthPlugin } from './plugin';

const component = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'event-pipeline', annotations },
  spec: {},
});

describe('pipeline-health plugin', () => {
  it('provides the API, the Pipelines page and the entity tab', () => {
    for (const id of [
      'api:pipeline-health',
      'page:pipeline-health',
      'entity-content:pipeline-health/pipeline-health',
    ]) {
      expect(pipelineHealthPlugin.getExtension(id as any)).toBeDefined();
    }
  });

  it('shows the entity tab for either annotation and hides it otherwise', () => {
    const filter = createExtensionTester(pipelineHealthEntityContent).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    )!;
    expect(
      filter(
        component({ [KAFKA_CONSUMER_GROUPS_ANNOTATION]: 'local/ingester' }),
      ),
    ).toBe(true);
    expect(
      filter(component({ [CLICKHOUSE_TABLE_ANNOTATION]: 'analytics.events' })),
    ).toBe(true);
    expect(filter(component({ 'backstage.io/techdocs-ref': 'dir:.' }))).toBe(
      false,
    );
  });
});

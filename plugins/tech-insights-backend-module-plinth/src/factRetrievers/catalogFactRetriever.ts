import type { FactRetriever } from '@backstage-community/plugin-tech-insights-node';
import { SERVICE_TIERS } from '@plinth/plugin-ownership-common';
import { ANNOTATION_TIER } from '@plinth/plugin-ownership-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogReader } from '../services/CatalogReader';
import { factEntityOf, namespaceOf, resolveRef } from './entityRefs';
import { FACT_RETRIEVER_IDS } from './ids';

const KINDS = ['Component', 'API'];

/**
 * Facts read from the catalog alone: is the owner a Group that exists, are tier and
 * lifecycle set. Groups are read once per run (names only), so the cost is two catalog
 * reads whatever the number of components.
 */
export function createCatalogFactRetriever(options: {
  catalog: Pick<CatalogService, 'getEntities'>;
}): FactRetriever {
  return {
    id: FACT_RETRIEVER_IDS.catalog,
    version: '0.1.0',
    title: 'Plinth catalog facts',
    description:
      'Owner is an existing Group; plinth.dev/tier and spec.lifecycle are set.',
    entityFilter: [{ kind: KINDS }],
    schema: {
      ownerRef: {
        type: 'string',
        description: 'spec.owner as a full entity ref ("" when missing)',
      },
      ownerIsGroup: {
        type: 'boolean',
        description: 'spec.owner names a Group that exists in the catalog',
      },
      tier: {
        type: 'string',
        description: 'plinth.dev/tier as written ("" when missing)',
      },
      tierSet: {
        type: 'boolean',
        description: 'plinth.dev/tier is tier-1, tier-2 or tier-3',
      },
      lifecycle: {
        type: 'string',
        description: 'spec.lifecycle ("" when missing)',
      },
      lifecycleSet: { type: 'boolean', description: 'spec.lifecycle is set' },
    },
    async handler({ auth }) {
      const reader = new CatalogReader(options.catalog, auth);
      const [groups, entities] = await Promise.all([
        reader.entities({ kind: 'Group' }, [
          'kind',
          'metadata.name',
          'metadata.namespace',
        ]),
        reader.entities({ kind: KINDS }, [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'spec.owner',
          'spec.lifecycle',
        ]),
      ]);
      const groupRefs = new Set(
        groups.map(g => resolveRef(g.metadata.name, 'Group', namespaceOf(g))),
      );
      return entities.map(entity => {
        const ownerRef = resolveRef(
          entity.spec?.owner,
          'Group',
          namespaceOf(entity),
        );
        const tier = entity.metadata.annotations?.[ANNOTATION_TIER] ?? '';
        const lifecycle =
          typeof entity.spec?.lifecycle === 'string'
            ? entity.spec.lifecycle.trim()
            : '';
        return {
          entity: factEntityOf(entity),
          facts: {
            ownerRef: ownerRef ?? '',
            ownerIsGroup: ownerRef !== undefined && groupRefs.has(ownerRef),
            tier,
            tierSet: (SERVICE_TIERS as readonly string[]).includes(tier),
            lifecycle,
            lifecycleSet: lifecycle !== '',
          },
        };
      });
    },
  };
}

import type { DiscoveryService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { FactRetriever } from '@backstage-community/plugin-tech-insights-node';
import {
  COVERAGE_FINDING_SEVERITY,
  MATRIX_PAGE_LIMIT_MAX,
  OwnershipClient,
  type OwnershipMatrixRow,
} from '@plinth/plugin-ownership-common';
import { type PluginCallAuth, pluginFetch } from '../services/pluginFetch';
import { FACT_RETRIEVER_IDS } from './ids';

/** The one ownership-backend read this retriever needs: the port faked in unit tests. */
export type OwnershipMatrixSource = {
  /** Every matrix row of the given kinds, all pages. */
  rows(kinds: Array<'Component' | 'API'>): Promise<OwnershipMatrixRow[]>;
};

/** The ownership backend's matrix, paged at the largest page it serves. */
export function createOwnershipMatrixSource(options: {
  discovery: Pick<DiscoveryService, 'getBaseUrl'>;
  auth: PluginCallAuth;
}): OwnershipMatrixSource {
  const client = new OwnershipClient({
    discoveryApi: options.discovery,
    fetchApi: pluginFetch(options.auth, 'ownership'),
  });
  return {
    async rows(kinds) {
      const rows: OwnershipMatrixRow[] = [];
      for (let offset = 0; ; ) {
        const page = await client.getMatrix({
          filters: { kind: kinds },
          offset,
          limit: MATRIX_PAGE_LIMIT_MAX,
        });
        rows.push(...page.items);
        offset += page.items.length;
        if (page.items.length === 0 || offset >= page.totalItems) {
          return rows;
        }
      }
    },
  };
}

// Findings about the entity's own escalation path (owner findings have their own check).
const ESCALATION_FINDINGS = new Set([
  'no-policy',
  'tier-without-contact',
  'policy-cycle',
  'tier1-first-tier-not-24x7',
  'tier1-response-too-slow',
]);

/**
 * Escalation facts from the ownership backend's matrix, so "complete" means exactly what the
 * Ownership page shows: a policy resolves (annotation or owner group), it has tiers, each
 * tier has a contact, and no escalation finding of severity error applies.
 */
export function createEscalationFactRetriever(options: {
  source: (ctx: {
    discovery: DiscoveryService;
    auth: PluginCallAuth;
  }) => OwnershipMatrixSource;
}): FactRetriever {
  return {
    id: FACT_RETRIEVER_IDS.escalation,
    version: '0.1.0',
    title: 'Plinth escalation facts',
    description:
      "The escalation policy covering each component and API, from the ownership backend's matrix.",
    entityFilter: [{ kind: ['Component', 'API'] }],
    schema: {
      escalationPolicyRef: {
        type: 'string',
        description: 'The policy that covers the entity ("" when none)',
      },
      escalationPolicySource: {
        type: 'string',
        description:
          'annotation (plinth.dev/escalation-policy), owner-group, or none',
      },
      escalationTierCount: {
        type: 'integer',
        description: 'Tiers in the policy',
      },
      escalationTiersWithoutContact: {
        type: 'integer',
        description: 'Tiers that name nobody to call',
      },
      escalationFindings: {
        type: 'set',
        description: 'Escalation findings of the ownership view for the entity',
      },
      escalationPolicyComplete: {
        type: 'boolean',
        description:
          'A policy covers the entity, every tier has a contact, no escalation error finding',
      },
    },
    async handler({ discovery, auth, logger }) {
      const rows = await options
        .source({ discovery, auth })
        .rows(['Component', 'API']);
      logger.debug('Read ownership matrix', { rows: rows.length });
      return rows.map(row => {
        const { kind, namespace, name } = parseEntityRef(row.entityRef);
        const findings = row.findings.filter(f => ESCALATION_FINDINGS.has(f));
        const withoutContact = row.tiers.filter(
          t => !t.contacts?.length,
        ).length;
        return {
          entity: { kind, namespace, name },
          facts: {
            escalationPolicyRef: row.policyRef ?? '',
            escalationPolicySource: row.policySource,
            escalationTierCount: row.tiers.length,
            escalationTiersWithoutContact: withoutContact,
            escalationFindings: findings,
            escalationPolicyComplete:
              row.policyRef !== undefined &&
              row.tiers.length > 0 &&
              withoutContact === 0 &&
              !findings.some(f => COVERAGE_FINDING_SEVERITY[f] === 'error'),
          },
        };
      });
    },
  };
}

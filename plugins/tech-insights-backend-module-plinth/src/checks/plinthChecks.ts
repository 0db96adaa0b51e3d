import {
  JSON_RULE_ENGINE_CHECK_TYPE,
  type TechInsightJsonRuleCheck,
} from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import { FACT_RETRIEVER_IDS as IDS } from '../factRetrievers/ids';
import { adoptionGuideLink, type AdoptionGuideAnchor } from './adoptionGuide';

type Condition = { fact: string; operator: string; value: unknown };

const is = (fact: string, value: unknown): Condition => ({
  fact,
  operator: 'equal',
  value,
});

function check(options: {
  id: AdoptionGuideAnchor;
  name: string;
  description: string;
  factIds: string[];
  all: Condition[];
}): TechInsightJsonRuleCheck {
  const url = adoptionGuideLink(options.id);
  return {
    id: options.id,
    type: JSON_RULE_ENGINE_CHECK_TYPE,
    name: options.name,
    description: options.description,
    factIds: options.factIds,
    rule: { conditions: { all: options.all } as never },
    links: [{ title: 'What to do next', url }],
    // The card reads the link from here too: failureMetadata is what a failing result carries.
    failureMetadata: { whatToDoNext: url },
  };
}

/**
 * The adoption scorecard: one check per item of the platform adoption guide's onboarding
 * checklist. A check whose facts are absent for an entity (the retriever does not apply to
 * it, or its upstream could not be read) is not evaluated rather than failed.
 */
export const PLINTH_CHECKS: readonly TechInsightJsonRuleCheck[] = [
  check({
    id: 'owner',
    name: 'Owned by a real team',
    description:
      'spec.owner names a Group that exists in the catalog (not a user, not a typo).',
    factIds: [IDS.catalog],
    all: [is('ownerIsGroup', true)],
  }),
  check({
    id: 'escalation-policy',
    name: 'Escalation policy present and complete',
    description:
      "An escalation policy covers the entity (its own plinth.dev/escalation-policy or its owner group's), every tier has a contact, and the ownership view reports no escalation gap.",
    factIds: [IDS.escalation],
    all: [is('escalationPolicyComplete', true)],
  }),
  check({
    id: 'tier-and-lifecycle',
    name: 'Tier and lifecycle set',
    description:
      'plinth.dev/tier is one of tier-1, tier-2, tier-3 and spec.lifecycle is set.',
    factIds: [IDS.catalog],
    all: [is('tierSet', true), is('lifecycleSet', true)],
  }),
  check({
    id: 'api-document',
    name: 'API document present',
    description:
      'Every API the component provides exists in the catalog with a non-empty spec.definition.',
    factIds: [IDS.api],
    all: [is('apiDocumentsMissingCount', 0)],
  }),
  check({
    id: 'api-lint',
    name: 'API documents lint-clean',
    description:
      "The OpenAPI documents of the APIs the component provides have no error from the platform's API lint (plinth-api lint).",
    factIds: [IDS.api],
    all: [is('apiLintErrors', 0)],
  }),
  check({
    id: 'breaking-changes',
    name: 'No breaking change without a major bump',
    description:
      'The api-governance backend reports no breaking change between version lines of the families the component provides that kept the same major version.',
    factIds: [IDS.api],
    all: [is('breakingChangesWithoutMajorBump', 0)],
  }),
  check({
    id: 'techdocs-runbook',
    name: 'TechDocs with a runbook',
    description:
      'backstage.io/techdocs-ref is set and the docs navigation (mkdocs.yml nav) has a runbook page.',
    factIds: [IDS.techdocs],
    all: [is('hasTechDocs', true), is('hasRunbook', true)],
  }),
  check({
    id: 'pipeline-annotations',
    name: 'Pipeline annotations on event consumers',
    description:
      'A component that consumes events names its consumer groups (kafka.apache.org/consumer-groups) and ClickHouse table (plinth.dev/clickhouse-table), both well-formed.',
    factIds: [IDS.pipelineAnnotations],
    all: [is('pipelineAnnotationsValid', true)],
  }),
  check({
    id: 'pipeline-health',
    name: 'Pipeline healthy',
    description:
      'The pipeline-health backend reports no annotation problem, every consumer group OK (no lag warning, stall or stop) and ClickHouse reachable.',
    factIds: [IDS.pipelineHealth],
    all: [is('pipelineHealthy', true)],
  }),
  check({
    id: 'template-version',
    name: 'Created from the current template version',
    description:
      "plinth.dev/template-version equals the template's current version; when behind, the changes since are listed from the template's CHANGELOG.md.",
    factIds: [IDS.template],
    all: [is('templateUpToDate', true)],
  }),
];

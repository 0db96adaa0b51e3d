import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_ESCALATION_POLICY,
  ESCALATION_POLICY_KIND,
  EscalationPolicyEntity,
} from '@plinth/plugin-ownership-common';
import { escalationPolicyRefOf, parseRefField } from './escalationRefs';

/**
 * The references a processor cannot check on its own: policy owners that are
 * not a Group in the given set, and `plinth.dev/escalation-policy` annotations
 * that name no policy in it. One sentence per dangling ref, prefixed with the
 * entity that has it. Refs that do not parse are left to the processor.
 *
 * For a whole set of entities at hand: the example catalog test, or a backend
 * that has read the catalog.
 */
export function findUnknownEscalationRefs(entities: Entity[]): string[] {
  const known = new Set(entities.map(entity => stringifyEntityRef(entity)));
  const problems: string[] = [];
  for (const entity of entities) {
    const ref = stringifyEntityRef(entity);
    if (entity.kind === ESCALATION_POLICY_KIND) {
      const policy = entity as EscalationPolicyEntity;
      const owner = parseRefField({
        field: 'spec.owner',
        raw: policy.spec?.owner,
        defaultKind: 'Group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
        expectedKind: 'Group',
      });
      if (owner.value && !known.has(stringifyEntityRef(owner.value))) {
        problems.push(
          `${ref}: spec.owner ${stringifyEntityRef(
            owner.value,
          )} is not a group in the catalog`,
        );
      }
    }
    const policyRef = escalationPolicyRefOf(entity);
    if (policyRef?.value && !known.has(stringifyEntityRef(policyRef.value))) {
      problems.push(
        `${ref}: metadata.annotations["${ANNOTATION_ESCALATION_POLICY}"] ${stringifyEntityRef(
          policyRef.value,
        )} is not an escalation policy in the catalog`,
      );
    }
  }
  return problems;
}

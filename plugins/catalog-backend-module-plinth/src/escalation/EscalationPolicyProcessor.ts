import {
  CompoundEntityRef,
  Entity,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  ESCALATION_POLICY_KIND,
  EscalationPolicyEntity,
  MATRIX_KINDS,
  RELATION_ESCALATES_VIA,
  RELATION_ESCALATION_FOR,
} from '@plinth/plugin-ownership-common';
import {
  escalationPolicyRefOf,
  parseRefField,
  serviceTierOf,
} from './escalationRefs';
import { validateEscalationPolicy } from './validateEscalationPolicy';

const COVERED_KINDS: readonly string[] = MATRIX_KINDS;

const fail = (entity: Entity, problems: string[]) => {
  const ref = stringifyEntityRef(entity);
  return new InputError(
    problems.map(problem => `${ref}: ${problem}`).join('\n'),
  );
};

/**
 * Validates `EscalationPolicy` entities and the escalation annotations on the
 * entities that use them, and links both with relations.
 *
 * Every problem is thrown as an InputError that names the entity and the JSON
 * path, so the catalog keeps that one entity out (or at its last good version)
 * and goes on with the rest.
 *
 * Whether a referenced group or policy exists is not checked here: a processor
 * sees one entity at a time, and asking the catalog for the other one would
 * reject valid policies whenever their group happens to be processed later
 * (always the case on a fresh start). The relations are emitted regardless;
 * the ownership matrix reports dangling ones from the covered entity's side
 * (no-policy, unknown-owner), and findUnknownEscalationRefs checks a whole set.
 */
export class EscalationPolicyProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'EscalationPolicyProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (entity.kind !== ESCALATION_POLICY_KIND) {
      return false;
    }
    const problems = validateEscalationPolicy(entity);
    if (problems.length > 0) {
      throw fail(entity, problems);
    }
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (entity.kind === ESCALATION_POLICY_KIND) {
      this.emitPolicyRelations(entity as EscalationPolicyEntity, emit);
    } else if (COVERED_KINDS.includes(entity.kind)) {
      this.checkCoveredEntity(entity, emit);
    } else if (entity.kind === 'Group') {
      // A group that owns several policies picks its default with the annotation.
      const policy = escalationPolicyRefOf(entity);
      if (policy?.problem) throw fail(entity, [policy.problem]);
    }
    return entity;
  }

  private emitPolicyRelations(
    policy: EscalationPolicyEntity,
    emit: CatalogProcessorEmit,
  ) {
    const self = getCompoundEntityRef(policy);
    const owner = parseRefField({
      field: 'spec.owner',
      raw: policy.spec.owner,
      defaultKind: 'Group',
      defaultNamespace: self.namespace,
      expectedKind: 'Group',
    });
    if (owner.problem) throw fail(policy, [owner.problem]);
    emitPair(emit, self, RELATION_OWNED_BY, owner.value!, RELATION_OWNER_OF);

    // On a policy, the annotation names where escalation goes after its last tier.
    const next = escalationPolicyRefOf(policy);
    if (next?.problem) throw fail(policy, [next.problem]);
    if (next) {
      emitPair(
        emit,
        self,
        RELATION_ESCALATES_VIA,
        next.value!,
        RELATION_ESCALATION_FOR,
      );
    }
  }

  private checkCoveredEntity(entity: Entity, emit: CatalogProcessorEmit) {
    const tier = serviceTierOf(entity);
    const policy = escalationPolicyRefOf(entity);
    const problems = [tier?.problem, policy?.problem].filter(
      (problem): problem is string => Boolean(problem),
    );
    if (problems.length > 0) throw fail(entity, problems);
    if (policy) {
      emitPair(
        emit,
        getCompoundEntityRef(entity),
        RELATION_ESCALATES_VIA,
        policy.value!,
        RELATION_ESCALATION_FOR,
      );
    }
  }
}

function emitPair(
  emit: CatalogProcessorEmit,
  source: CompoundEntityRef,
  type: string,
  target: CompoundEntityRef,
  inverseType: string,
) {
  emit(processingResult.relation({ source, type, target }));
  emit(
    processingResult.relation({
      source: target,
      type: inverseType,
      target: source,
    }),
  );
}

import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_ESCALATION_POLICY,
  ANNOTATION_TIER,
  COVERAGE_FINDING_TYPES,
  SERVICE_TIERS,
  type CoverageFinding,
  type CoverageFindingType,
  type CoverageSummary,
  type EscalationPolicyEntity,
  type MatrixKind,
  type OwnershipMatrixRow,
  type ServiceTier,
} from '@plinth/plugin-ownership-common';
import {
  computeFindings,
  type FindingInput,
  type FindingLimits,
} from '../findings';
import { namespaceOf, refKey, relationTargets, resolveRef } from './refs';
import type {
  CatalogSlice,
  KnownGroup,
  KnownPolicy,
  KnownUser,
  OwnershipSnapshot,
  ResolvedRow,
} from './types';

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

function toGroup(entity: Entity): KnownGroup {
  const profile = entity.spec?.profile as { displayName?: unknown } | undefined;
  return {
    ref: stringifyEntityRef(entity),
    title:
      stringField(entity.metadata.title) ?? stringField(profile?.displayName),
    preferredPolicyRef: resolveRef(
      entity.metadata.annotations?.[ANNOTATION_ESCALATION_POLICY],
      'EscalationPolicy',
      namespaceOf(entity),
    ),
  };
}

function toPolicy(entity: EscalationPolicyEntity): KnownPolicy {
  const tiers = Array.isArray(entity.spec?.tiers) ? [...entity.spec.tiers] : [];
  tiers.sort((a, b) => a.level - b.level);
  return {
    ref: stringifyEntityRef(entity),
    name: entity.metadata.name,
    ownerRef: resolveRef(entity.spec?.owner, 'Group', namespaceOf(entity)),
    tiers,
    nextPolicyRef: resolveRef(
      entity.metadata.annotations?.[ANNOTATION_ESCALATION_POLICY],
      'EscalationPolicy',
      namespaceOf(entity),
    ),
  };
}

function toUser(entity: Entity): KnownUser {
  const memberOf = Array.isArray(entity.spec?.memberOf)
    ? (entity.spec!.memberOf as unknown[])
    : [];
  const declared = memberOf
    .map(ref => resolveRef(ref, 'Group', namespaceOf(entity)))
    .filter((ref): ref is string => Boolean(ref));
  return {
    ref: stringifyEntityRef(entity),
    groupRefs: [
      ...new Set([...declared, ...relationTargets(entity, 'memberOf')]),
    ],
  };
}

/** Picks the policy of an owner group: the one it names itself, else the first by name. */
function policyOfGroup(
  candidates: KnownPolicy[] | undefined,
  group: KnownGroup | undefined,
): KnownPolicy | undefined {
  if (!candidates?.length) {
    return undefined;
  }
  const preferred = group?.preferredPolicyRef
    ? candidates.find(p => refKey(p.ref) === refKey(group.preferredPolicyRef!))
    : undefined;
  return preferred ?? candidates[0];
}

function resolveRow(
  entity: Entity,
  groups: Map<string, KnownGroup>,
  policies: Map<string, KnownPolicy>,
  policiesByOwner: Map<string, KnownPolicy[]>,
  systems: Map<string, Entity>,
): ResolvedRow {
  const namespace = namespaceOf(entity);
  const spec = entity.spec ?? {};
  const ownerRef =
    resolveRef(spec.owner, 'Group', namespace) ??
    relationTargets(entity, 'ownedBy')[0];
  const tierValue = entity.metadata.annotations?.[ANNOTATION_TIER];
  const tier = SERVICE_TIERS.includes(tierValue as ServiceTier)
    ? (tierValue as ServiceTier)
    : undefined;
  const system = resolveRef(spec.system, 'System', namespace);
  const systemEntity = system ? systems.get(refKey(system)) : undefined;
  const domain =
    resolveRef(spec.domain, 'Domain', namespace) ??
    (systemEntity
      ? resolveRef(
          systemEntity.spec?.domain,
          'Domain',
          namespaceOf(systemEntity),
        )
      : undefined);
  const group = ownerRef ? groups.get(refKey(ownerRef)) : undefined;

  let policy: KnownPolicy | undefined;
  let missingPolicyRef: string | undefined;
  let policySource: OwnershipMatrixRow['policySource'] = 'none';
  const annotated = resolveRef(
    entity.metadata.annotations?.[ANNOTATION_ESCALATION_POLICY],
    'EscalationPolicy',
    namespace,
  );
  if (annotated) {
    policy = policies.get(refKey(annotated));
    if (policy) {
      policySource = 'annotation';
    } else {
      missingPolicyRef = annotated;
    }
  } else if (ownerRef) {
    policy = policyOfGroup(policiesByOwner.get(refKey(ownerRef)), group);
    if (policy) {
      policySource = 'owner-group';
    }
  }

  const tiers = policy?.tiers ?? [];
  const firstResponseMinutes = tier
    ? tiers[0]?.responseMinutes?.[tier]
    : undefined;
  const row: OwnershipMatrixRow = {
    entityRef: stringifyEntityRef(entity),
    kind: entity.kind as MatrixKind,
    name: entity.metadata.name,
    title: stringField(entity.metadata.title),
    type: stringField(spec.type),
    lifecycle: stringField(spec.lifecycle),
    tier,
    system,
    domain,
    ownerRef,
    ownerTitle: group?.title,
    policyRef: policy?.ref,
    policySource,
    tiers,
    firstResponseMinutes,
    findings: [],
  };
  return { row, policy, missingPolicyRef };
}

/** Attaches to each row the finding types about it or about its policy. */
function attachFindingTypes(
  rows: OwnershipMatrixRow[],
  findings: CoverageFinding[],
): void {
  const typesByRef = new Map<string, Set<CoverageFindingType>>();
  for (const finding of findings) {
    const key = refKey(finding.entityRef);
    const types = typesByRef.get(key) ?? new Set();
    types.add(finding.type);
    typesByRef.set(key, types);
  }
  for (const row of rows) {
    const own = typesByRef.get(refKey(row.entityRef));
    // A policy defect (a tier nobody answers) is a defect of every entity it covers.
    const ofPolicy = row.policyRef
      ? typesByRef.get(refKey(row.policyRef))
      : undefined;
    if (!own && !ofPolicy) {
      continue;
    }
    row.findings = COVERAGE_FINDING_TYPES.filter(
      type => own?.has(type) || ofPolicy?.has(type),
    );
  }
}

function countByGroup(findings: CoverageFinding[]): CoverageSummary['byGroup'] {
  const counts = new Map<
    string,
    Partial<Record<CoverageFindingType, number>>
  >();
  for (const finding of findings) {
    if (!finding.groupRef) {
      continue;
    }
    const group = counts.get(finding.groupRef) ?? {};
    group[finding.type] = (group[finding.type] ?? 0) + 1;
    counts.set(finding.groupRef, group);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([groupRef, c]) => ({ groupRef, counts: c }));
}

/** Resolves owners, systems, domains and policies: the input of the findings. */
export function resolveRows(slice: CatalogSlice): Omit<
  FindingInput,
  'limits'
> & {
  policyIndex: Map<string, KnownPolicy>;
} {
  const groups = new Map(
    slice.groups.map(toGroup).map(g => [refKey(g.ref), g] as const),
  );
  const policies = slice.policies
    .map(toPolicy)
    .sort((a, b) => a.name.localeCompare(b.name) || a.ref.localeCompare(b.ref));
  const policyIndex = new Map(policies.map(p => [refKey(p.ref), p] as const));
  const policiesByOwner = new Map<string, KnownPolicy[]>();
  for (const policy of policies) {
    if (policy.ownerRef) {
      const key = refKey(policy.ownerRef);
      const owned = policiesByOwner.get(key) ?? [];
      owned.push(policy);
      policiesByOwner.set(key, owned);
    }
  }
  const systems = new Map(
    slice.systems.map(s => [refKey(stringifyEntityRef(s)), s] as const),
  );
  const rows = slice.matrixEntities
    .map(e => resolveRow(e, groups, policyIndex, policiesByOwner, systems))
    .sort((a, b) => a.row.entityRef.localeCompare(b.row.entityRef));
  return {
    rows,
    groups,
    policies,
    policyIndex,
    users: slice.users.map(toUser),
  };
}

/** Builds the matrix, findings and look-up indexes from a slice of the catalog. */
export function buildSnapshot(
  slice: CatalogSlice,
  limits: FindingLimits,
  now: Date = new Date(),
): OwnershipSnapshot {
  const { policyIndex, ...input } = resolveRows(slice);
  const findings = computeFindings({ ...input, limits });
  const rows = input.rows.map(r => r.row);
  attachFindingTypes(rows, findings);

  return {
    generatedAt: now.toISOString(),
    rows,
    searchText: rows.map(row =>
      [row.entityRef, row.title, row.ownerRef, row.ownerTitle, row.policyRef]
        .filter(Boolean)
        .join('\n')
        .toLocaleLowerCase('en-US'),
    ),
    findings,
    byGroup: countByGroup(findings),
    rowsByRef: new Map(rows.map(row => [refKey(row.entityRef), row] as const)),
    groups: input.groups,
    policies: policyIndex,
  };
}

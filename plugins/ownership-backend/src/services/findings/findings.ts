import {
  COVERAGE_FINDING_SEVERITY,
  type CoverageFinding,
  type CoverageFindingType,
} from '@plinth/plugin-ownership-common';
import { refKey } from '../OwnershipSnapshot/refs';
import type {
  KnownGroup,
  KnownPolicy,
  KnownUser,
  ResolvedRow,
} from '../OwnershipSnapshot/types';

export type FindingLimits = {
  /** Longest acceptable tier-1 first response, in minutes. */
  tier1MaxFirstResponseMinutes: number;
  /** More tier-1 components than this per group is an overload. */
  maxTier1ServicesPerGroup: number;
};

export type FindingInput = {
  rows: ResolvedRow[];
  groups: Map<string, KnownGroup>;
  policies: KnownPolicy[];
  users: KnownUser[];
  limits: FindingLimits;
};

/** The type of a finding and the severity ownership-common gives it. */
function classify(type: CoverageFindingType) {
  return { type, severity: COVERAGE_FINDING_SEVERITY[type] };
}

export function findNoOwner(rows: ResolvedRow[]): CoverageFinding[] {
  return rows
    .filter(({ row }) => !row.ownerRef)
    .map(({ row }) => ({
      ...classify('no-owner'),
      entityRef: row.entityRef,
      message: `${row.entityRef} has no owner; set spec.owner to the team that runs it.`,
    }));
}

export function findUnknownOwner(
  rows: ResolvedRow[],
  groups: Map<string, KnownGroup>,
): CoverageFinding[] {
  return rows
    .filter(({ row }) => row.ownerRef && !groups.has(refKey(row.ownerRef)))
    .map(({ row }) => ({
      ...classify('unknown-owner'),
      entityRef: row.entityRef,
      groupRef: row.ownerRef,
      message: `${row.entityRef} is owned by ${row.ownerRef}, which is not a group in the catalog.`,
    }));
}

export function findNoPolicy(rows: ResolvedRow[]): CoverageFinding[] {
  return rows
    .filter(({ policy }) => !policy)
    .map(({ row, missingPolicyRef }) => ({
      ...classify('no-policy'),
      entityRef: row.entityRef,
      groupRef: row.ownerRef,
      message: missingPolicyRef
        ? `${row.entityRef} names escalation policy ${missingPolicyRef}, which is not in the catalog.`
        : `${row.entityRef} has no escalation policy, neither its own nor one of its owner group.`,
    }));
}

export function findTiersWithoutContact(
  policies: KnownPolicy[],
): CoverageFinding[] {
  return policies.flatMap(policy =>
    policy.tiers
      .filter(tier => !tier.contacts?.length)
      .map(tier => ({
        ...classify('tier-without-contact'),
        entityRef: policy.ref,
        groupRef: policy.ownerRef,
        message: `Tier ${tier.level} (${tier.name}) of ${policy.ref} has no contact.`,
      })),
  );
}

/**
 * Policies on a loop of hand-overs (a -> b -> a, or longer, or a policy naming itself):
 * past the last tier, escalation goes round the loop and never reaches the top of the path.
 * The catalog processor sees one policy at a time, so only the whole snapshot shows a loop.
 * One finding per policy on the loop, so each team that owns one of them sees it; policies
 * that merely lead into a loop are not reported, the fix belongs on the loop.
 */
export function findPolicyCycles(policies: KnownPolicy[]): CoverageFinding[] {
  const byRef = new Map(policies.map(p => [refKey(p.ref), p] as const));
  const walked = new Set<string>();
  const onLoop = new Map<string, KnownPolicy[]>();
  for (const start of policies) {
    // A policy hands over to at most one other, so a walk ends, joins an earlier
    // walk, or comes back to a policy on its own path: a loop.
    const path: KnownPolicy[] = [];
    const position = new Map<string, number>();
    let current: KnownPolicy | undefined = start;
    while (
      current &&
      !walked.has(refKey(current.ref)) &&
      !position.has(refKey(current.ref))
    ) {
      position.set(refKey(current.ref), path.length);
      path.push(current);
      current = current.nextPolicyRef
        ? byRef.get(refKey(current.nextPolicyRef))
        : undefined;
    }
    const loopStart = current ? position.get(refKey(current.ref)) : undefined;
    if (loopStart !== undefined) {
      const loop = path.slice(loopStart);
      loop.forEach((policy, i) =>
        // Each member sees the loop starting from itself.
        onLoop.set(refKey(policy.ref), [...loop.slice(i), ...loop.slice(0, i)]),
      );
    }
    path.forEach(policy => walked.add(refKey(policy.ref)));
  }
  return policies.flatMap(policy => {
    const loop = onLoop.get(refKey(policy.ref));
    if (!loop) {
      return [];
    }
    const route = [...loop, policy].map(p => p.ref).join(' -> ');
    return [
      {
        ...classify('policy-cycle'),
        entityRef: policy.ref,
        groupRef: policy.ownerRef,
        message:
          loop.length === 1
            ? `${policy.ref} hands over to itself after its last tier, so escalation never reaches the top of the path.`
            : `${policy.ref} hands over in a loop (${route}), so escalation never reaches the top of the path.`,
      },
    ];
  });
}

function tier1Rows(rows: ResolvedRow[]) {
  return rows.filter(
    (r): r is ResolvedRow & { policy: KnownPolicy } =>
      r.row.tier === 'tier-1' && r.policy !== undefined,
  );
}

export function findTier1FirstTierNot24x7(
  rows: ResolvedRow[],
): CoverageFinding[] {
  return tier1Rows(rows)
    .filter(({ policy }) => policy.tiers[0]?.hours?.type !== '24x7')
    .map(({ row, policy }) => ({
      ...classify('tier1-first-tier-not-24x7'),
      entityRef: row.entityRef,
      groupRef: row.ownerRef,
      message: policy.tiers.length
        ? `${row.entityRef} is tier-1 but the first tier of ${policy.ref} is not staffed 24x7.`
        : `${row.entityRef} is tier-1 but ${policy.ref} has no tiers.`,
    }));
}

export function findTier1ResponseTooSlow(
  rows: ResolvedRow[],
  maxMinutes: number,
): CoverageFinding[] {
  return tier1Rows(rows)
    .filter(({ policy }) => {
      const minutes = policy.tiers[0]?.responseMinutes?.['tier-1'];
      return typeof minutes !== 'number' || minutes > maxMinutes;
    })
    .map(({ row, policy }) => {
      const minutes = policy.tiers[0]?.responseMinutes?.['tier-1'];
      return {
        ...classify('tier1-response-too-slow'),
        entityRef: row.entityRef,
        groupRef: row.ownerRef,
        message:
          typeof minutes === 'number'
            ? `${row.entityRef} is tier-1 but the first tier of ${policy.ref} responds within ${minutes} min (limit ${maxMinutes}).`
            : `${row.entityRef} is tier-1 but the first tier of ${policy.ref} sets no tier-1 response target (limit ${maxMinutes} min).`,
      };
    });
}

export function findPolicyOwnerDrift(rows: ResolvedRow[]): CoverageFinding[] {
  return rows
    .filter(
      ({ row, policy }) =>
        policy &&
        row.ownerRef &&
        (!policy.ownerRef || refKey(policy.ownerRef) !== refKey(row.ownerRef)),
    )
    .map(({ row, policy }) => ({
      ...classify('policy-owner-drift'),
      entityRef: row.entityRef,
      groupRef: row.ownerRef,
      message: `${row.entityRef} is owned by ${
        row.ownerRef
      } but escalates via ${policy!.ref}, owned by ${
        policy!.ownerRef ?? 'nobody'
      }.`,
    }));
}

export function findOverloadedGroups(
  rows: ResolvedRow[],
  maxTier1Services: number,
): CoverageFinding[] {
  const counts = new Map<string, { ref: string; count: number }>();
  for (const { row } of rows) {
    if (row.kind === 'Component' && row.tier === 'tier-1' && row.ownerRef) {
      const key = refKey(row.ownerRef);
      const entry = counts.get(key) ?? { ref: row.ownerRef, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
  }
  return [...counts.values()]
    .filter(({ count }) => count > maxTier1Services)
    .map(({ ref, count }) => ({
      ...classify('group-overloaded'),
      entityRef: ref,
      groupRef: ref,
      message: `${ref} owns ${count} tier-1 components (more than ${maxTier1Services}).`,
    }));
}

export function findUsersWithoutGroup(users: KnownUser[]): CoverageFinding[] {
  return users
    .filter(user => user.groupRefs.length === 0)
    .map(user => ({
      ...classify('user-without-group'),
      entityRef: user.ref,
      message: `${user.ref} is not a member of any group.`,
    }));
}

/** All findings, in the order of COVERAGE_FINDING_TYPES. */
export function computeFindings(input: FindingInput): CoverageFinding[] {
  const { rows, groups, policies, users, limits } = input;
  return [
    ...findNoOwner(rows),
    ...findUnknownOwner(rows, groups),
    ...findNoPolicy(rows),
    ...findTiersWithoutContact(policies),
    ...findPolicyCycles(policies),
    ...findTier1FirstTierNot24x7(rows),
    ...findTier1ResponseTooSlow(rows, limits.tier1MaxFirstResponseMinutes),
    ...findPolicyOwnerDrift(rows),
    ...findOverloadedGroups(rows, limits.maxTier1ServicesPerGroup),
    ...findUsersWithoutGroup(users),
  ];
}

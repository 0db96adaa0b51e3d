import type {
  EscalationTier,
  OwnershipMatrixRow,
} from '@plinth/plugin-ownership-common';
import type {
  KnownGroup,
  KnownPolicy,
  ResolvedRow,
} from '../OwnershipSnapshot/types';
import {
  computeFindings,
  findNoOwner,
  findNoPolicy,
  findOverloadedGroups,
  findPolicyCycles,
  findPolicyOwnerDrift,
  findTier1FirstTierNot24x7,
  findTier1ResponseTooSlow,
  findTiersWithoutContact,
  findUnknownOwner,
  findUsersWithoutGroup,
} from './findings';

function tier(overrides: Partial<EscalationTier> = {}): EscalationTier {
  return {
    level: 1,
    name: 'On-call',
    contacts: [{ pager: 'pagerduty:P1' }],
    hours: { type: '24x7' },
    responseMinutes: { 'tier-1': 5 },
    ...overrides,
  };
}

function policy(overrides: Partial<KnownPolicy> = {}): KnownPolicy {
  return {
    ref: 'escalationpolicy:default/p',
    name: 'p',
    ownerRef: 'group:default/team-a',
    tiers: [tier()],
    ...overrides,
  };
}

function resolved(
  row: Partial<OwnershipMatrixRow> = {},
  withPolicy: KnownPolicy | null = policy(),
  missingPolicyRef?: string,
): ResolvedRow {
  return {
    row: {
      entityRef: 'component:default/svc',
      kind: 'Component',
      name: 'svc',
      ownerRef: 'group:default/team-a',
      policyRef: withPolicy?.ref,
      policySource: withPolicy ? 'owner-group' : 'none',
      tiers: withPolicy?.tiers ?? [],
      findings: [],
      ...row,
    },
    policy: withPolicy ?? undefined,
    missingPolicyRef,
  };
}

const groups = new Map<string, KnownGroup>([
  ['group:default/team-a', { ref: 'group:default/team-a' }],
]);

describe('findNoOwner', () => {
  it('reports an entity without owner', () => {
    expect(findNoOwner([resolved({ ownerRef: undefined })])).toEqual([
      expect.objectContaining({
        type: 'no-owner',
        entityRef: 'component:default/svc',
      }),
    ]);
  });

  it('ignores an owned entity', () => {
    expect(findNoOwner([resolved()])).toEqual([]);
  });
});

describe('findUnknownOwner', () => {
  it('reports an owner that is not a group in the catalog', () => {
    expect(
      findUnknownOwner(
        [resolved({ ownerRef: 'group:default/ghosts' })],
        groups,
      ),
    ).toEqual([
      expect.objectContaining({
        type: 'unknown-owner',
        groupRef: 'group:default/ghosts',
      }),
    ]);
  });

  it('matches owner refs case-insensitively', () => {
    expect(
      findUnknownOwner(
        [resolved({ ownerRef: 'group:default/Team-A' })],
        groups,
      ),
    ).toEqual([]);
  });

  it('does not report a missing owner twice', () => {
    expect(
      findUnknownOwner([resolved({ ownerRef: undefined })], groups),
    ).toEqual([]);
  });
});

describe('findNoPolicy', () => {
  it('reports an entity with neither its own nor an inherited policy', () => {
    expect(findNoPolicy([resolved({}, null)])).toEqual([
      expect.objectContaining({
        type: 'no-policy',
        message: expect.stringContaining('has no escalation policy'),
      }),
    ]);
  });

  it('names the policy an annotation points to when it does not exist', () => {
    const [finding] = findNoPolicy([
      resolved({}, null, 'escalationpolicy:default/gone'),
    ]);
    expect(finding.message).toContain('escalationpolicy:default/gone');
  });
});

describe('findTiersWithoutContact', () => {
  it('reports each tier without contacts against the policy and its owner', () => {
    expect(
      findTiersWithoutContact([
        policy({ tiers: [tier(), tier({ level: 2, contacts: [] })] }),
      ]),
    ).toEqual([
      expect.objectContaining({
        type: 'tier-without-contact',
        entityRef: 'escalationpolicy:default/p',
        groupRef: 'group:default/team-a',
        message: expect.stringContaining('Tier 2'),
      }),
    ]);
  });
});

describe('findPolicyCycles', () => {
  const handOver = (name: string, next?: string, owner = `team-${name}`) =>
    policy({
      ref: `escalationpolicy:default/${name}`,
      name,
      ownerRef: `group:default/${owner}`,
      nextPolicyRef: next ? `escalationpolicy:default/${next}` : undefined,
    });

  it('reports both policies of a two-policy loop, each against its own team', () => {
    expect(findPolicyCycles([handOver('a', 'b'), handOver('b', 'a')])).toEqual([
      {
        type: 'policy-cycle',
        severity: 'error',
        entityRef: 'escalationpolicy:default/a',
        groupRef: 'group:default/team-a',
        message:
          'escalationpolicy:default/a hands over in a loop (escalationpolicy:default/a -> escalationpolicy:default/b -> escalationpolicy:default/a), so escalation never reaches the top of the path.',
      },
      expect.objectContaining({
        entityRef: 'escalationpolicy:default/b',
        groupRef: 'group:default/team-b',
        message: expect.stringContaining(
          '(escalationpolicy:default/b -> escalationpolicy:default/a -> escalationpolicy:default/b)',
        ),
      }),
    ]);
  });

  it('reports every policy of a longer loop but not a policy that leads into it', () => {
    const findings = findPolicyCycles([
      handOver('lead-in', 'a'),
      handOver('a', 'b'),
      handOver('b', 'c'),
      handOver('c', 'a'),
    ]);
    expect(findings.map(f => f.entityRef)).toEqual([
      'escalationpolicy:default/a',
      'escalationpolicy:default/b',
      'escalationpolicy:default/c',
    ]);
    expect(findings[2].message).toContain(
      '(escalationpolicy:default/c -> escalationpolicy:default/a -> escalationpolicy:default/b -> escalationpolicy:default/c)',
    );
  });

  it('reports a policy that hands over to itself', () => {
    expect(findPolicyCycles([handOver('a', 'a')])).toEqual([
      expect.objectContaining({
        entityRef: 'escalationpolicy:default/a',
        message: expect.stringContaining('hands over to itself'),
      }),
    ]);
  });

  it('follows hand-overs whose refs differ only in case', () => {
    expect(
      findPolicyCycles([
        handOver('a', 'B'),
        policy({
          ref: 'escalationpolicy:default/b',
          name: 'b',
          nextPolicyRef: 'EscalationPolicy:default/A',
        }),
      ]),
    ).toHaveLength(2);
  });

  it('accepts a chain that ends at a top-level policy or at a policy not in the catalog', () => {
    expect(
      findPolicyCycles([
        handOver('a', 'b'),
        handOver('b', 'top'),
        handOver('top'),
        handOver('c', 'gone'),
        handOver('d', 'a'),
      ]),
    ).toEqual([]);
  });
});

describe('findTier1FirstTierNot24x7', () => {
  it('reports a tier-1 entity whose first tier keeps business hours', () => {
    const businessHours = policy({
      tiers: [tier({ hours: { type: 'business-hours', timeZone: 'UTC' } })],
    });
    expect(
      findTier1FirstTierNot24x7([resolved({ tier: 'tier-1' }, businessHours)]),
    ).toHaveLength(1);
  });

  it('reports a tier-1 entity whose policy has no tiers', () => {
    expect(
      findTier1FirstTierNot24x7([
        resolved({ tier: 'tier-1' }, policy({ tiers: [] })),
      ]),
    ).toHaveLength(1);
  });

  it('ignores tier-2 entities on business hours', () => {
    const businessHours = policy({
      tiers: [tier({ hours: { type: 'business-hours', timeZone: 'UTC' } })],
    });
    expect(
      findTier1FirstTierNot24x7([resolved({ tier: 'tier-2' }, businessHours)]),
    ).toEqual([]);
  });
});

describe('findTier1ResponseTooSlow', () => {
  it('reports a first tier slower than the limit', () => {
    const slow = policy({
      tiers: [tier({ responseMinutes: { 'tier-1': 30 } })],
    });
    expect(
      findTier1ResponseTooSlow([resolved({ tier: 'tier-1' }, slow)], 15),
    ).toEqual([
      expect.objectContaining({
        type: 'tier1-response-too-slow',
        message: expect.stringContaining('within 30 min (limit 15)'),
      }),
    ]);
  });

  it('reports a first tier without a tier-1 target', () => {
    const unset = policy({
      tiers: [tier({ responseMinutes: { 'tier-2': 5 } })],
    });
    expect(
      findTier1ResponseTooSlow([resolved({ tier: 'tier-1' }, unset)], 15),
    ).toHaveLength(1);
  });

  it('accepts a first tier exactly at the limit', () => {
    const atLimit = policy({
      tiers: [tier({ responseMinutes: { 'tier-1': 15 } })],
    });
    expect(
      findTier1ResponseTooSlow([resolved({ tier: 'tier-1' }, atLimit)], 15),
    ).toEqual([]);
  });
});

describe('findPolicyOwnerDrift', () => {
  it('reports a policy owned by another group than the entity', () => {
    expect(
      findPolicyOwnerDrift([
        resolved(
          { ownerRef: 'group:default/team-b' },
          policy({ ownerRef: 'group:default/team-a' }),
        ),
      ]),
    ).toEqual([
      expect.objectContaining({
        type: 'policy-owner-drift',
        groupRef: 'group:default/team-b',
      }),
    ]);
  });

  it('ignores a policy owned by the same group', () => {
    expect(findPolicyOwnerDrift([resolved()])).toEqual([]);
  });
});

describe('findOverloadedGroups', () => {
  const tier1Components = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      resolved({ entityRef: `component:default/s${i}`, tier: 'tier-1' }),
    );

  it('reports a group owning more tier-1 components than the limit', () => {
    expect(findOverloadedGroups(tier1Components(3), 2)).toEqual([
      expect.objectContaining({
        type: 'group-overloaded',
        entityRef: 'group:default/team-a',
        message: expect.stringContaining('3 tier-1 components'),
      }),
    ]);
  });

  it('accepts a group at the limit', () => {
    expect(findOverloadedGroups(tier1Components(2), 2)).toEqual([]);
  });

  it('does not count APIs and resources as services', () => {
    const apis = tier1Components(3).map(r => ({
      ...r,
      row: { ...r.row, kind: 'API' as const },
    }));
    expect(findOverloadedGroups(apis, 2)).toEqual([]);
  });
});

describe('findUsersWithoutGroup', () => {
  it('reports a user who belongs to no group', () => {
    expect(
      findUsersWithoutGroup([
        { ref: 'user:default/bob', groupRefs: [] },
        { ref: 'user:default/alice', groupRefs: ['group:default/team-a'] },
      ]),
    ).toEqual([
      expect.objectContaining({
        type: 'user-without-group',
        entityRef: 'user:default/bob',
      }),
    ]);
  });
});

describe('computeFindings', () => {
  it('reports nothing for a well covered tier-1 service', () => {
    expect(
      computeFindings({
        rows: [resolved({ tier: 'tier-1' })],
        groups,
        policies: [policy()],
        users: [],
        limits: {
          tier1MaxFirstResponseMinutes: 15,
          maxTier1ServicesPerGroup: 5,
        },
      }),
    ).toEqual([]);
  });
});

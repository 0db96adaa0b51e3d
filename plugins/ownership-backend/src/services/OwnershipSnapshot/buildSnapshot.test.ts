import type { Entity } from '@backstage/catalog-model';
import type { EscalationPolicyEntity } from '@plinth/plugin-ownership-common';
import { buildSnapshot, resolveRows } from './buildSnapshot';
import type { CatalogSlice } from './types';

const limits = {
  tier1MaxFirstResponseMinutes: 15,
  maxTier1ServicesPerGroup: 5,
};

function policy(
  name: string,
  namespace: string,
  next?: string,
): EscalationPolicyEntity {
  return {
    apiVersion: 'plinth.dev/v1alpha1',
    kind: 'EscalationPolicy',
    metadata: {
      name,
      namespace,
      annotations: next ? { 'plinth.dev/escalation-policy': next } : {},
    },
    spec: {
      owner: 'group:default/team-a',
      tiers: [
        {
          level: 1,
          name: 'On-call',
          contacts: [{ pager: 'pagerduty:P1' }],
          hours: { type: '24x7' },
          responseMinutes: { 'tier-1': 5 },
        },
      ],
    },
  };
}

function component(name: string, policyRef?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: policyRef
        ? { 'plinth.dev/escalation-policy': policyRef }
        : {},
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

function slice(
  policies: EscalationPolicyEntity[],
  matrixEntities: Entity[],
): CatalogSlice {
  return {
    matrixEntities,
    policies,
    groups: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'team-a', namespace: 'default' },
        spec: { type: 'team', children: [] },
      },
    ],
    users: [],
    systems: [],
  };
}

describe('resolveRows', () => {
  it("reads where a policy hands over from its annotation, in the policy's namespace", () => {
    const { policies } = resolveRows(
      slice([policy('team-oncall', 'ops', 'top'), policy('top', 'ops')], []),
    );
    expect(
      policies.map(p => [p.ref, p.nextPolicyRef ?? 'the end of the path']),
    ).toEqual([
      ['escalationpolicy:ops/team-oncall', 'escalationpolicy:ops/top'],
      ['escalationpolicy:ops/top', 'the end of the path'],
    ]);
  });
});

describe('buildSnapshot', () => {
  it('marks the rows covered by a policy on an escalation loop', () => {
    const snapshot = buildSnapshot(
      slice(
        [
          policy('a', 'default', 'b'),
          policy('b', 'default', 'a'),
          policy('lead-in', 'default', 'a'),
        ],
        [component('on-loop', 'a'), component('leads-in', 'lead-in')],
      ),
      limits,
    );
    expect(snapshot.rows.map(row => [row.name, row.findings])).toEqual([
      ['leads-in', []],
      ['on-loop', ['policy-cycle']],
    ]);
  });
});

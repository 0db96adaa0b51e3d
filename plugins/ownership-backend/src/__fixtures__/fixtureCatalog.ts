import type { Entity } from '@backstage/catalog-model';
import type {
  EscalationPolicyEntity,
  EscalationTier,
} from '@plinth/plugin-ownership-common';

/**
 * A small catalog with exactly one finding of each type when
 * `ownership.maxTier1ServicesPerGroup` is 2, except policy-cycle: one per policy on the
 * loop, two.
 */

const onCall = (minutes: number): EscalationTier => ({
  level: 1,
  name: 'On-call engineer',
  contacts: [{ name: 'On-call', pager: 'pagerduty:P1', chat: '#on-call' }],
  hours: { type: '24x7' },
  responseMinutes: { 'tier-1': minutes, 'tier-2': 30 },
});

function group(name: string, annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'team',
      profile: { displayName: `Team ${name}` },
      children: [],
    },
  };
}

function policy(
  name: string,
  owner: string,
  tiers: EscalationTier[],
  annotations?: Record<string, string>,
): EscalationPolicyEntity {
  return {
    apiVersion: 'plinth.dev/v1alpha1',
    kind: 'EscalationPolicy',
    metadata: { name, namespace: 'default', annotations },
    spec: { owner, tiers },
  };
}

function component(
  name: string,
  spec: Record<string, unknown>,
  annotations: Record<string, string> = {},
  title?: string,
  kind = 'Component',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', title, annotations },
    spec: { type: 'service', lifecycle: 'production', ...spec },
  };
}

const tier1 = { 'plinth.dev/tier': 'tier-1' };

export const fixtureEntities: Entity[] = [
  group('team-a', { 'plinth.dev/escalation-policy': 'policy-a' }),
  group('team-b'),
  group('team-over'),
  group('team-loop'),
  // Sorts before policy-a by name, but team-a names policy-a as its own.
  policy('aaa-team-a-legacy', 'team-a', [onCall(60)]),
  policy('policy-a', 'group:default/team-a', [
    onCall(5),
    {
      level: 2,
      name: 'Team lead',
      contacts: [{ name: 'Lead', email: 'lead@example.com' }],
      hours: { type: 'business-hours', timeZone: 'Europe/Berlin' },
      responseMinutes: { 'tier-1': 30, 'tier-2': 60 },
    },
  ]),
  policy('policy-b', 'team-b', [
    {
      level: 1,
      name: 'Office hours',
      contacts: [{ chat: '#team-b' }],
      hours: { type: 'business-hours', timeZone: 'Europe/Berlin' },
      responseMinutes: { 'tier-1': 60 },
    },
    {
      level: 2,
      name: 'Nobody',
      contacts: [],
      hours: { type: '24x7' },
      responseMinutes: {},
    },
  ]),
  policy('policy-over', 'team-over', [onCall(10)]),
  // policy-cycle: two policies that hand over to each other after their last tier.
  policy('loop-1', 'team-loop', [onCall(5)], {
    'plinth.dev/escalation-policy': 'loop-2',
  }),
  policy('loop-2', 'team-loop', [onCall(5)], {
    'plinth.dev/escalation-policy': 'escalationpolicy:default/loop-1',
  }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { owner: 'team-a', domain: 'commerce' },
  },
  // Clean: tier-1, owner-group policy with a 24x7 first tier answering in 5 min.
  component(
    'checkout',
    { owner: 'team-a', system: 'payments' },
    tier1,
    'Checkout',
  ),
  // tier1-first-tier-not-24x7 + tier1-response-too-slow (+ tier-without-contact via policy-b).
  component('ledger', { owner: 'team-b' }, tier1, 'Ledger'),
  // no-owner (its policy comes from the annotation).
  component(
    'orphan',
    { owner: undefined },
    {
      'plinth.dev/escalation-policy': 'policy-a',
    },
  ),
  // unknown-owner + no-policy.
  component(
    'ghost-owned',
    { owner: 'ghosts' },
    { 'plinth.dev/tier': 'tier-3' },
  ),
  // policy-owner-drift: owned by team-b, escalates via team-a's policy.
  component(
    'drifting',
    { owner: 'team-b' },
    {
      'plinth.dev/tier': 'tier-2',
      'plinth.dev/escalation-policy': 'escalationpolicy:default/policy-a',
    },
  ),
  // A title a spreadsheet would run as a formula.
  component(
    'formula-api',
    { owner: 'team-a', type: 'openapi', lifecycle: 'experimental' },
    { 'plinth.dev/tier': 'tier-2' },
    '=HYPERLINK("http://evil.example","click")',
    'API',
  ),
  component(
    'orders-db',
    { owner: 'team-a', type: 'database' },
    {},
    'Orders DB',
    'Resource',
  ),
  // group-overloaded: three tier-1 components with a limit of two.
  component('over-1', { owner: 'team-over' }, tier1),
  component('over-2', { owner: 'team-over' }, tier1),
  component('over-3', { owner: 'team-over' }, tier1),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alice', namespace: 'default' },
    spec: { memberOf: ['team-a'] },
  },
  // user-without-group.
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'bob', namespace: 'default' },
    spec: { memberOf: [] },
  },
];

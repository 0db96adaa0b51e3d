import type { Entity } from '@backstage/catalog-model';

/**
 * A deterministic synthetic catalog: N components over G groups with P policies, 10 domains,
 * 100 systems, 1,000 users. Every entity passes Plinth's catalog module, as in a real
 * catalog; the findings still have something to find: about 1 in 90 components has an owner
 * that is not a group, 1 in 10 policies answers in business hours, 1 in 50 users is in no
 * group, and every 50th pair of policies hands over in a loop.
 */
export type SyntheticCatalogSize = {
  components: number;
  groups: number;
  policies: number;
};

const location = 'url:https://bench.plinth.example/catalog-info.yaml';
const annotations = (extra: Record<string, string> = {}) => ({
  'backstage.io/managed-by-location': location,
  'backstage.io/managed-by-origin-location': location,
  ...extra,
});
const pad = (n: number) => String(n).padStart(5, '0');
const TIERS = ['tier-1', 'tier-2', 'tier-2', 'tier-3', 'tier-3'];
const LIFECYCLES = ['production', 'production', 'experimental', 'deprecated'];

/**
 * Where a policy hands over after its last tier: to policy-00000, the top of every path,
 * except policies 1 and 2 of every 50, which hand over to each other (policy-cycle).
 */
function nextPolicy(p: number, size: SyntheticCatalogSize): string | undefined {
  if (p === 0) {
    return undefined;
  }
  if (p % 50 === 1 && p + 1 < size.policies) {
    return `policy-${pad(p + 1)}`;
  }
  if (p % 50 === 2) {
    return `policy-${pad(p - 1)}`;
  }
  return `policy-${pad(0)}`;
}

export function syntheticCatalog(size: SyntheticCatalogSize): Entity[] {
  const entities: Entity[] = [];
  for (let d = 0; d < 10; d++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: { name: `domain-${d}`, annotations: annotations() },
      spec: { owner: 'team-00000' },
    });
  }
  for (let s = 0; s < 100; s++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: `system-${s}`, annotations: annotations() },
      spec: {
        owner: `team-${pad(s % size.groups)}`,
        domain: `domain-${s % 10}`,
      },
    });
  }
  for (let g = 0; g < size.groups; g++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `team-${pad(g)}`, annotations: annotations() },
      spec: {
        type: 'team',
        profile: { displayName: `Team ${g}` },
        children: [],
      },
    });
  }
  for (let u = 0; u < 1000; u++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: `user-${pad(u)}`, annotations: annotations() },
      spec: { memberOf: u % 50 === 0 ? [] : [`team-${pad(u % size.groups)}`] },
    });
  }
  for (let p = 0; p < size.policies; p++) {
    const slow = p % 10 === 0;
    const next = nextPolicy(p, size);
    entities.push({
      apiVersion: 'plinth.dev/v1alpha1',
      kind: 'EscalationPolicy',
      metadata: {
        name: `policy-${pad(p)}`,
        annotations: annotations(
          next ? { 'plinth.dev/escalation-policy': next } : {},
        ),
      },
      spec: {
        owner: `team-${pad(p % size.groups)}`,
        tiers: [
          {
            level: 1,
            name: 'On-call engineer',
            contacts: [
              {
                name: `Team ${p} on-call`,
                pager: `pagerduty:P${p}`,
                chat: `#team-${p}-oncall`,
              },
            ],
            hours: slow
              ? { type: 'business-hours', timeZone: 'Europe/Berlin' }
              : { type: '24x7' },
            responseMinutes: {
              'tier-1': slow ? 30 : 5,
              'tier-2': 30,
              'tier-3': 240,
            },
          },
          {
            level: 2,
            name: 'Team lead',
            contacts: [{ name: 'Lead', email: `lead-${p}@example.com` }],
            hours: { type: 'business-hours', timeZone: 'Europe/Berlin' },
            responseMinutes: { 'tier-1': 30, 'tier-2': 120 },
          },
        ],
      },
    });
  }
  for (let c = 0; c < size.components; c++) {
    // Owners that are not groups; the catalog itself refuses components without an owner.
    const owner = c % 89 === 0 ? 'team-ghost' : `team-${pad(c % size.groups)}`;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `component-${pad(c)}`,
        title: `Component ${c}`,
        annotations: annotations({
          'plinth.dev/tier': TIERS[c % TIERS.length],
          // Every 7th names a policy itself (its owner's at the default sizes): an escalatesVia relation.
          ...(c % 7 === 0
            ? {
                'plinth.dev/escalation-policy': `policy-${pad(
                  c % size.policies,
                )}`,
              }
            : {}),
        }),
      },
      spec: {
        type: 'service',
        lifecycle: LIFECYCLES[c % LIFECYCLES.length],
        owner,
        system: `system-${c % 100}`,
      },
    });
  }
  return entities;
}

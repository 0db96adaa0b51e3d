import type { ConsumerEntity } from '../catalog';
import { NOW, line } from './__testUtils__/lines';
import { consumerImpact } from './consumers';

const CONSUMER: ConsumerEntity = {
  entityRef: 'component:default/checkout',
  kind: 'Component',
  title: 'Checkout',
  owner: 'group:default/web',
};

const TIER = {
  level: 1,
  name: 'On-call engineer',
  contacts: [{ name: 'Web on-call', chat: '#web-oncall' }],
  hours: { type: '24x7' as const },
  responseMinutes: { 'tier-1': 15 },
};

const MIGRATION = {
  toEntityRef: 'api:default/orders-v2',
  changes: { breaking: 3, potentiallyBreaking: 1, nonBreaking: 7 },
};

describe('consumerImpact', () => {
  it('tells a consumer of a supported line there is nothing to do', () => {
    const impact = consumerImpact(
      line('orders-v2', '2.0.0'),
      CONSUMER,
      { state: 'unknown' },
      undefined,
      NOW,
    );
    expect(impact).toEqual({
      entityRef: 'component:default/checkout',
      kind: 'Component',
      title: 'Checkout',
      owner: 'group:default/web',
      impact: 'none',
      message: 'api:default/orders-v2 is a supported line.',
      escalation: { state: 'no-policy' },
    });
  });

  it('counts down to the sunset and names the line to move to with its breaking changes', () => {
    const impact = consumerImpact(
      line('orders-v1', '1.4.0', {
        lifecycle: 'deprecated',
        deprecatedAt: '2026-06-01',
        sunsetAt: '2027-03-31',
      }),
      CONSUMER,
      {
        state: 'known',
        ownerRef: 'group:default/web-platform',
        ownerTitle: 'Web platform',
        ownerUnknown: false,
        policyRef: 'escalationpolicy:default/web',
        firstTier: TIER,
      },
      MIGRATION,
      NOW,
    );
    expect(impact).toMatchObject({
      impact: 'migrate-before-sunset',
      message:
        'Deprecated; sunset on 2027-03-31, in 121 days; move to api:default/orders-v2 (3 breaking changes).',
      // The ownership backend knows better than the catalog snapshot.
      owner: 'group:default/web-platform',
      ownerTitle: 'Web platform',
      migration: MIGRATION,
      escalation: {
        state: 'ok',
        policyRef: 'escalationpolicy:default/web',
        firstTier: TIER,
      },
    });
  });

  it('flags a consumer still on a line past its sunset', () => {
    const impact = consumerImpact(
      line('orders-v1', '1.4.0', {
        lifecycle: 'deprecated',
        sunsetAt: '2026-11-29',
      }),
      CONSUMER,
      { state: 'unavailable' },
      MIGRATION,
      NOW,
    );
    expect(impact).toMatchObject({
      impact: 'past-sunset',
      message:
        'Sunset on 2026-11-29, 1 day ago; move to api:default/orders-v2 (3 breaking changes).',
      owner: 'group:default/web',
      escalation: { state: 'unavailable' },
    });
  });

  it('asks a consumer of a deprecated line without a date to move anyway', () => {
    const impact = consumerImpact(
      line('orders-v1', '1.4.0', { lifecycle: 'deprecated' }),
      CONSUMER,
      undefined,
      { toEntityRef: 'api:default/orders-v2' },
      NOW,
    );
    expect(impact).toMatchObject({
      impact: 'migrate-before-sunset',
      message: 'Deprecated, no sunset date yet; move to api:default/orders-v2.',
      escalation: { state: 'unavailable' },
    });
    expect(impact.migration).toBeUndefined();
  });
});

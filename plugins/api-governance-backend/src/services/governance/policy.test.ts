import type { ChangeFinding } from '@plinth/plugin-api-governance-common';
import type { ConsumerEntity } from '../catalog';
import type { EntityOwnership } from '../ownership';
import { NOW, line } from './__testUtils__/lines';
import type { FamilyLine } from './family';
import {
  evaluatePolicy,
  type ConsecutiveLines,
  type LinePolicyInput,
} from './policy';

const KNOWN_WITH_POLICY: EntityOwnership = {
  state: 'known',
  ownerRef: 'group:default/commerce',
  ownerUnknown: false,
  policyRef: 'escalationpolicy:default/commerce',
};

const CONSUMER: ConsumerEntity = {
  entityRef: 'component:default/checkout',
  kind: 'Component',
  owner: 'group:default/web',
};

function input(
  familyLine: FamilyLine,
  extra: Partial<LinePolicyInput> = {},
): LinePolicyInput {
  return {
    line: familyLine,
    consumers: [],
    ownership: KNOWN_WITH_POLICY,
    ...extra,
  };
}

function evaluate(
  lines: LinePolicyInput[],
  pairs: ConsecutiveLines[] = [],
  minDeprecationDays = 180,
) {
  const byLine = evaluatePolicy(lines, pairs, { minDeprecationDays, now: NOW });
  return [...byLine.values()].flat();
}

const ids = (violations: ReturnType<typeof evaluate>) =>
  violations.map(v => v.ruleId);

describe('evaluatePolicy', () => {
  it('finds nothing wrong with a healthy production line and a well-deprecated one', () => {
    expect(
      evaluate([
        input(
          line('orders-v1', '1.4.0', {
            lifecycle: 'deprecated',
            deprecatedAt: '2026-06-01',
            sunsetAt: '2027-03-31',
          }),
          { consumers: [CONSUMER] },
        ),
        input(line('orders-v2', '2.0.0')),
      ]),
    ).toEqual([]);
  });

  it('reports each consumer still on a line past its sunset, naming the consumer', () => {
    const violations = evaluate([
      input(
        line('orders-v1', '1.4.0', {
          lifecycle: 'deprecated',
          deprecatedAt: '2026-01-01',
          sunsetAt: '2026-11-20',
        }),
        { consumers: [CONSUMER] },
      ),
    ]);
    expect(violations).toEqual([
      {
        ruleId: 'sunset-passed-still-consumed',
        severity: 'error',
        entityRef: 'component:default/checkout',
        message:
          'component:default/checkout still consumes api:default/orders-v1, whose sunset was on 2026-11-20 (10 days ago).',
      },
    ]);
  });

  it('does not report a line past its sunset that nobody consumes', () => {
    expect(
      evaluate([
        input(
          line('orders-v1', '1.4.0', {
            lifecycle: 'deprecated',
            deprecatedAt: '2026-01-01',
            sunsetAt: '2026-11-20',
          }),
        ),
      ]),
    ).toEqual([]);
  });

  it('reports a breaking change between consecutive lines without a major bump on the newer line', () => {
    const base = line('orders-v1', '1.4.0');
    const head = line('orders-v1-next', '1.5.0');
    const changes: ChangeFinding[] = [
      {
        ruleId: 'operation-removed',
        severity: 'breaking',
        location: {
          path: '/orders',
          method: 'get',
          pointer: '/paths/~1orders/get',
          document: 'base',
        },
        message: 'GET /orders was removed.',
      },
      {
        ruleId: 'breaking-change-without-major-bump',
        severity: 'breaking',
        location: { path: '', pointer: '/info/version', document: 'head' },
        message: '1.4.0 -> 1.5.0 has breaking changes.',
      },
    ];
    const violations = evaluate(
      [input(base), input(head)],
      [{ base, head, comparison: { ok: true, changes } }],
    );
    // Lines are ordered by major, so two consecutive lines without a major bump also
    // share their major version: both rules fire, each on the newer line.
    expect(ids(violations)).toEqual([
      'duplicate-major-version',
      'breaking-change-without-major-bump',
    ]);
    expect(violations[1]).toEqual(
      expect.objectContaining({
        ruleId: 'breaking-change-without-major-bump',
        entityRef: 'api:default/orders-v1-next',
        message:
          'api:default/orders-v1-next (1.5.0) has 1 breaking change against api:default/orders-v1 (1.4.0) without a new major version.',
      }),
    );
  });

  it('reports a production line without an owner', () => {
    expect(
      ids(evaluate([input(line('orders-v2', '2.0.0', { owner: undefined }))])),
    ).toEqual(['production-without-owner']);
  });

  it('reports a production line whose owner is not in the catalog', () => {
    const violations = evaluate([
      input(line('orders-v2', '2.0.0'), {
        ownership: { ...KNOWN_WITH_POLICY, ownerUnknown: true },
      }),
    ]);
    expect(violations).toEqual([
      expect.objectContaining({
        ruleId: 'production-without-owner',
        message:
          'api:default/orders-v2 is in production and its owner group:default/commerce is not in the catalog.',
      }),
    ]);
  });

  it('reports a production line without an escalation policy', () => {
    expect(
      ids(
        evaluate([
          input(line('orders-v2', '2.0.0'), {
            ownership: { state: 'known', ownerUnknown: false },
          }),
        ]),
      ),
    ).toEqual(['production-without-escalation-policy']);
  });

  it('does not guess about escalation policies when the ownership backend cannot be asked', () => {
    expect(
      evaluate([
        input(line('orders-v2', '2.0.0'), {
          ownership: { state: 'unavailable' },
        }),
      ]),
    ).toEqual([]);
  });

  it('reports a sunset sooner after the deprecation than the policy allows', () => {
    const violations = evaluate([
      input(
        line('orders-v1', '1.4.0', {
          lifecycle: 'deprecated',
          deprecatedAt: '2026-10-01',
          sunsetAt: '2027-01-29',
        }),
      ),
    ]);
    expect(violations).toEqual([
      expect.objectContaining({
        ruleId: 'deprecation-window-too-short',
        message:
          'api:default/orders-v1 is sunset 120 days after its deprecation (2026-10-01 -> 2027-01-29); production lines get at least 180 days.',
      }),
    ]);
  });

  it('takes the minimum deprecation window from the policy options', () => {
    const short = input(
      line('orders-v1', '1.4.0', {
        lifecycle: 'deprecated',
        deprecatedAt: '2026-10-01',
        sunsetAt: '2027-01-29',
      }),
    );
    expect(evaluate([short], [], 90)).toEqual([]);
  });

  it('lets experimental lines go without a deprecation window', () => {
    const violations = evaluate([
      input(
        line('orders-v3', '3.0.0-beta.1', {
          lifecycle: 'experimental',
          deprecatedAt: '2026-11-01',
          sunsetAt: '2026-12-01',
        }),
      ),
    ]);
    expect(ids(violations)).toEqual(['sunset-without-deprecation']);
  });

  it('warns about a sunset date on a line that is not deprecated', () => {
    const violations = evaluate([
      input(line('orders-v2', '2.0.0', { sunsetAt: '2027-12-31' })),
    ]);
    expect(violations).toEqual([
      {
        ruleId: 'sunset-without-deprecation',
        severity: 'warning',
        entityRef: 'api:default/orders-v2',
        message:
          'api:default/orders-v2 has a sunset date (2027-12-31) but its lifecycle is "production", not deprecated.',
      },
    ]);
  });

  it('warns about a deprecated line without a sunset date', () => {
    expect(
      ids(
        evaluate([
          input(line('orders-v1', '1.4.0', { lifecycle: 'deprecated' })),
        ]),
      ),
    ).toEqual(['deprecated-without-sunset']);
  });

  it('reports two lines declaring the same major version on the second one', () => {
    const violations = evaluate([
      input(line('orders-v2', '2.0.0')),
      input(line('orders-v2-again', '2.3.0')),
    ]);
    expect(violations).toEqual([
      expect.objectContaining({
        ruleId: 'duplicate-major-version',
        entityRef: 'api:default/orders-v2-again',
        message:
          'Major version 2 is declared by api:default/orders-v2 (2.0.0), api:default/orders-v2-again (2.3.0); a family has one API entity per major version line.',
      }),
    ]);
  });

  it('reports a definition that cannot be used, a line that is not OpenAPI and a date that is not one', () => {
    const violations = evaluate([
      input(
        line('orders-v1', {
          ok: false,
          problem: {
            code: 'SWAGGER_2',
            message: 'Swagger 2.0 is not supported',
          },
        }),
      ),
      input(line('orders-grpc', '1.0.0', { type: 'grpc' })),
      input(
        line('orders-v3', '3.0.0', {
          lifecycle: 'deprecated',
          sunsetAt: 'next spring',
        }),
      ),
    ]);
    expect(violations.map(v => [v.ruleId, v.message])).toEqual([
      [
        'invalid-definition',
        'The definition of api:default/orders-v1 cannot be used (SWAGGER_2): Swagger 2.0 is not supported',
      ],
      [
        'invalid-definition',
        'api:default/orders-grpc has spec.type "grpc"; only OpenAPI lines can be versioned, linted and compared.',
      ],
      [
        'invalid-definition',
        'api:default/orders-v3: annotation plinth.dev/sunset-at is "next spring", not an ISO 8601 date (YYYY-MM-DD).',
      ],
    ]);
  });
});

import type * as Generated from './schema/openapi';
import type * as Domain from './types';

/*
 * The hand-written shapes in types.ts and the models generated from the backend's OpenAPI
 * spec must describe the same JSON. These assignments fail to type-check when one side
 * changes without the other.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Fits<A, B> = [A] extends [B] ? true : false;

const checks: Array<true> = [
  true as Same<Domain.FamilyList, Generated.FamilyList>,
  true as Same<Domain.FamilyTimeline['counts'], Generated.ViolationCounts>,
  true as Same<Domain.LineVersion, Generated.LineVersion>,
  true as Same<Domain.PolicyViolation['ruleId'], Generated.ViolationRuleId>,
  true as Same<
    Domain.ConsumerImpact['impact'],
    Generated.ConsumerImpact['impact']
  >,
  true as Same<Domain.LineDiff, Generated.LineDiff>,
  true as Same<Domain.LintReport, Generated.LintReport>,
  true as Same<Domain.LineDiffSummary, Generated.LineDiffSummary>,
  // One way only: ownership-common's EscalationHours is a union the spec writes as one
  // object with optional fields; every domain value is a valid spec value.
  true as Fits<Domain.FamilyTimeline, Generated.FamilyTimeline>,
];

describe('REST shapes', () => {
  it('match the models generated from the OpenAPI spec', () => {
    // The assertions are the type checks above; this keeps the file a test.
    expect(checks.every(Boolean)).toBe(true);
  });
});

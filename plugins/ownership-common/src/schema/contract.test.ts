import type { ProblemDetails } from '@plinth/problem-details';
import type * as Spec from './openapi';
import type {
  CoverageFinding,
  CoverageSummary,
  EntityEscalation,
  GroupOwnership,
  MatrixPage,
  OwnershipMatrixRow,
} from '../matrix';
import type { EscalationTier } from '../escalationPolicy';

/*
 * The hand-written types of this package (with their constants: kinds, tiers, findings)
 * and the models generated from the backend's OpenAPI spec describe the same JSON. These
 * checks make `yarn tsc` fail when they drift: every value of a hand-written type must be
 * valid under the spec. (The spec is a little wider: it cannot say that only business
 * hours carry a time zone, and counts per finding type are a partial record by hand.)
 */
type FitsSpec<A, B> = [A] extends [B] ? true : false;
const assertFits = <T extends true>(): T => true as T;

assertFits<FitsSpec<OwnershipMatrixRow, Spec.OwnershipMatrixRow>>();
assertFits<FitsSpec<EscalationTier, Spec.EscalationTier>>();
assertFits<FitsSpec<MatrixPage, Spec.MatrixPage>>();
assertFits<FitsSpec<CoverageFinding, Spec.CoverageFinding>>();
assertFits<FitsSpec<EntityEscalation, Spec.EntityEscalation>>();
assertFits<FitsSpec<GroupOwnership, Spec.GroupOwnership>>();
assertFits<
  FitsSpec<
    Omit<CoverageSummary, 'byGroup'>,
    Omit<Spec.CoverageSummary, 'byGroup'>
  >
>();

// The error body the router's handler (@plinth/problem-details) sends is the spec's Problem.
assertFits<FitsSpec<ProblemDetails, Spec.Problem>>();

describe('ownership-common types', () => {
  it('match the OpenAPI models (checked by the type-checker, see above)', () => {
    expect(true).toBe(true);
  });
});

import type { ProblemDetails } from '@plinth/problem-details';
import type * as Spec from './openapi';
import type {
  ConsumerGroupPartitions,
  EntityPipelineHealth,
  IncidentList,
  PipelineDetail,
  PipelineHistory,
  PipelineList,
} from '../snapshot';

/*
 * The hand-written types of this package and the models generated from the backend's
 * OpenAPI spec describe the same JSON. These checks make `yarn tsc` fail when they drift:
 * every value of a hand-written type must be valid under the spec.
 */
type FitsSpec<A, B> = [A] extends [B] ? true : false;
const assertFits = <T extends true>(): T => true as T;

assertFits<FitsSpec<PipelineList, Spec.PipelineList>>();
assertFits<FitsSpec<PipelineDetail, Spec.PipelineDetail>>();
assertFits<FitsSpec<ConsumerGroupPartitions, Spec.ConsumerGroupPartitions>>();
assertFits<FitsSpec<PipelineHistory, Spec.PipelineHistory>>();
assertFits<FitsSpec<IncidentList, Spec.IncidentList>>();
assertFits<FitsSpec<EntityPipelineHealth, Spec.EntityPipelineHealth>>();

// The error body the router's handler (@plinth/problem-details) sends is the spec's Problem.
assertFits<FitsSpec<ProblemDetails, Spec.Problem>>();

describe('pipeline-health-common types', () => {
  it('match the OpenAPI models (checked by the type-checker, see above)', () => {
    expect(true).toBe(true);
  });
});

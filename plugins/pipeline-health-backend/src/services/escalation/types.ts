import type { OwnershipApi } from '@plinth/plugin-ownership-common';
import type { PipelineEscalation } from '@plinth/plugin-pipeline-health-common';
import type { PipelineConfig } from '../../config';

/** The two ownership-backend reads the lookup needs: the narrow port faked in tests. */
export type EscalationSource = Pick<
  OwnershipApi,
  'getEntityEscalation' | 'getGroupOwnership'
>;

/** Who is paged for a pipeline: the first tier of its escalation policy. */
export interface EscalationLookup {
  /** Undefined when there is no policy or the ownership backend cannot say; never throws. */
  firstTier(
    pipeline: Pick<PipelineConfig, 'id' | 'owner' | 'entityRef'>,
  ): Promise<PipelineEscalation | undefined>;
}

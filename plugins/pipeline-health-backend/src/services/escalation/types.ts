import type { OwnershipApi } from '@plinth/plugin-ownership-common';
import type { PipelineEscalation } from '@plinth/plugin-pipeline-health-common';
import type { PipelineConfig } from '../../config';

/** The two ownership-backend reads the lookup needs: the narrow port faked in tests. */
export type EscalationSource = Pick<
  OwnershipApi,
  'getEntityEscalation' | 'getGroupOwnership'
>;

/**
 * The lookup's answer: the first tier (undefined when the owner has no policy), and whether
 * the ownership backend answered at all. `answered: false` means it was unreachable or did
 * not know the entity yet (right after a start, before the catalog is loaded).
 */
export type EscalationAnswer = {
  escalation?: PipelineEscalation;
  answered: boolean;
};

/** Who is paged for a pipeline: the first tier of its escalation policy. */
export interface EscalationLookup {
  /** Undefined when there is no policy or the ownership backend cannot say; never throws. */
  firstTier(
    pipeline: Pick<PipelineConfig, 'id' | 'owner' | 'entityRef'>,
  ): Promise<PipelineEscalation | undefined>;
  /** The same, saying whether the ownership backend answered; never throws. */
  lookUp(
    pipeline: Pick<PipelineConfig, 'id' | 'owner' | 'entityRef'>,
  ): Promise<EscalationAnswer>;
}

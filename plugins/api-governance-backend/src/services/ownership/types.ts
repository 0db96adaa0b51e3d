import type { EscalationTier } from '@plinth/plugin-ownership-common';

/** What the ownership backend says about one entity. */
export type EntityOwnership =
  | {
      state: 'known';
      ownerRef?: string;
      ownerTitle?: string;
      /** The owner is named but not in the catalog (ownership's `unknown-owner` finding). */
      ownerUnknown: boolean;
      policyRef?: string;
      firstTier?: EscalationTier;
    }
  /** The ownership backend does not know the entity (yet). */
  | { state: 'unknown' }
  /** The ownership backend could not be asked. */
  | { state: 'unavailable' };

/** Who owns an entity and who to call first, from the ownership plugin. */
export interface OwnershipDirectory {
  ownershipOf(entityRef: string): Promise<EntityOwnership>;
}

/**
 * Ownership and escalation matrix backend plugin for Plinth.
 *
 * @packageDocumentation
 */
export { ownershipPlugin as default } from './plugin';
export {
  ownershipSnapshotServiceRef,
  type OwnershipSnapshotService,
  type OwnershipSnapshot,
} from './services/OwnershipSnapshot';

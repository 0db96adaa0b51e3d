export {
  OwnershipClientDirectory,
  createOwnershipClient,
} from './OwnershipClientDirectory';
export type { EntityOwnership, OwnershipDirectory } from './types';

export * from './types';
export {
  ESCALATION_CACHE_MS,
  OwnershipEscalationLookup,
  createOwnershipSource,
  type OwnershipEscalationLookupOptions,
  type OwnershipSourceOptions,
} from './OwnershipEscalationLookup';

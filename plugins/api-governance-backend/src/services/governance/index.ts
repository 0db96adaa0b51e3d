export { ApiGovernanceService, parseApiRef } from './ApiGovernanceService';
export type {
  ApiGovernanceServiceOptions,
  PageRequest,
} from './ApiGovernanceService';

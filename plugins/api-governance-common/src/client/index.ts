export { ApiGovernanceClient } from './ApiGovernanceClient';
export type {
  ApiGovernanceApi,
  ApiGovernanceClientOptions,
  PageRequest,
} from './types';

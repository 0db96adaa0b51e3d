export {
  API_GOVERNANCE_DEFAULTS,
  readApiGovernanceConfig,
} from './readApiGovernanceConfig';
export type { ApiGovernanceConfig } from './readApiGovernanceConfig';

export { EscalationPolicyProcessor } from './EscalationPolicyProcessor';
export { validateEscalationPolicy } from './validateEscalationPolicy';
export { findUnknownEscalationRefs } from './findUnknownEscalationRefs';
export { escalationPolicyRefOf, serviceTierOf } from './escalationRefs';

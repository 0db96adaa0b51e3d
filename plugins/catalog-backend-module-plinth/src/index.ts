/***/
/**
 * The plinth backend module for the catalog plugin.
 *
 * @packageDocumentation
 */

export { catalogModulePlinth as default } from './module';
export {
  EscalationPolicyProcessor,
  escalationPolicyRefOf,
  findUnknownEscalationRefs,
  serviceTierOf,
  validateEscalationPolicy,
} from './escalation';

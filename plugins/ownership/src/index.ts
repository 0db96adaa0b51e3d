export { ownershipPlugin as default } from './plugin';
// For the app's catalog graph, which draws these relations without depending on -common.
export {
  RELATION_ESCALATES_VIA,
  RELATION_ESCALATION_FOR,
} from '@plinth/plugin-ownership-common';
// Presentational pieces reused by other plugins (pipeline-health's who-to-call panel).
export { ContactLink } from './components/ContactLink';
export type { ContactLinkProps } from './components/ContactLink';
export {
  EscalationHoursLabel,
  describeHours,
} from './components/EscalationHoursLabel';

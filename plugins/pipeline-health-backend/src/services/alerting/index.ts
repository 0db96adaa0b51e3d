export * from './types';
export { KnexIncidentStore } from './KnexIncidentStore';
export {
  BreachAlerter,
  ESCALATION_WAIT_MS,
  toIncident,
  type AlertTransition,
  type BreachAlerterOptions,
} from './BreachAlerter';
export {
  breachNotification,
  describeEscalation,
  formatSloValue,
  notificationTopic,
  resolvedNotification,
} from './notificationText';

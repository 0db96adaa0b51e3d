export * from './types';
export { KnexIncidentStore } from './KnexIncidentStore';
export {
  BreachAlerter,
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

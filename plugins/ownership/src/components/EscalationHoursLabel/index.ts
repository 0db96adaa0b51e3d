export { EscalationHoursLabel, describeHours } from './EscalationHoursLabel';

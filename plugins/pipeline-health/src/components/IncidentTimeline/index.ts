export { IncidentTimeline } from './IncidentTimeline';

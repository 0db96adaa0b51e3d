export { WhoToCallCard, EscalationDetails } from './WhoToCallCard';

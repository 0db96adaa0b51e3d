export { WhoToCall } from './WhoToCall';

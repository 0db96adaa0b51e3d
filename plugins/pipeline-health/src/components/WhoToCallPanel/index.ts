export { WhoToCallPanel } from './WhoToCallPanel';

export { SunsetCountdown } from './SunsetCountdown';

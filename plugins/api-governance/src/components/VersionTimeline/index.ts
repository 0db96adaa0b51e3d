export { VersionTimeline } from './VersionTimeline';

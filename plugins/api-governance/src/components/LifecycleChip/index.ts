export { LifecycleChip } from './LifecycleChip';

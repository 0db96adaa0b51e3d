export { LagStatusChip, StatusChip, statusLabel } from './StatusChip';

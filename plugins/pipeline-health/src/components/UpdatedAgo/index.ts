export { UpdatedAgo } from './UpdatedAgo';

export { ConsumerGroupsTable } from './ConsumerGroupsTable';
export { PartitionTable, sortByLag } from './PartitionTable';

export {
  GroupOwnershipCard,
  GroupOwnershipDetails,
} from './GroupOwnershipCard';

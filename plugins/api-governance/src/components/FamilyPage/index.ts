export { FamilyPage, FamilyRoute, diffSearch } from './FamilyPage';

export { ownershipPlugin as default } from './plugin';
// For the app's catalog graph, which draws these relations without depending on -common.
export {
  RELATION_ESCALATES_VIA,
  RELATION_ESCALATION_FOR,
} from '@plinth/plugin-ownership-common';

/**
 * Plinth's scaffolder actions: `plinth:publish:git-host` publishes a new service to the
 * local git host and registers it in the catalog.
 *
 * @packageDocumentation
 */
export { scaffolderModulePlinth as default } from './module';
export {
  createPublishGitHostAction,
  PUBLISH_GIT_HOST_ACTION_ID,
} from './actions/publishGitHost';
export {
  OWNER_GROUP_RESOURCE_TYPE,
  OWNER_GROUP_RULES,
  serviceCreatePermission,
} from './permissions/serviceCreation';
export type {
  GitHostClient,
  GitHostRepositoryUrls,
} from './services/GitHost/types';

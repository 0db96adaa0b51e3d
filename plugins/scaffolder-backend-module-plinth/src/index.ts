/**
 * Plinth's scaffolder actions: `plinth:publish:git-host` publishes a new service to the
 * local git host and registers it in the catalog; `plinth:catalog:check-references` refuses
 * template inputs that name no existing entity of the expected kind.
 *
 * @packageDocumentation
 */
export { scaffolderModulePlinth as default } from './module';
export {
  CHECK_REFERENCES_ACTION_ID,
  createCheckReferencesAction,
} from './actions/checkReferences';
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

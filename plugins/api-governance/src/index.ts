/**
 * Plinth's api-governance frontend: the API versions page (families, timelines, diffs,
 * consumer impact), the Lint tab and the API overview tab (the internal API specification)
 * on API entities.
 *
 * @packageDocumentation
 */
export { apiGovernancePlugin as default } from './plugin';

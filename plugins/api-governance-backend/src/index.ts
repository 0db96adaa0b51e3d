/**
 * API versions and governance for Plinth: version timelines, lint, diffs, policy
 * violations and consumer impact per API family.
 *
 * @packageDocumentation
 */
export { apiGovernancePlugin as default } from './plugin';

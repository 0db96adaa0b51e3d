/**
 * Plinth's adoption scorecard frontend: the entity card and the org-level Adoption page,
 * on the Tech Insights backend.
 *
 * @packageDocumentation
 */
export { adoptionPlugin as default } from './plugin';
export { AdoptionClient, type AdoptionApi } from './client';

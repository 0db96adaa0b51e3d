export { AdoptionClient, type AdoptionClientOptions } from './AdoptionClient';
export type { AdoptionApi, FactRow, LatestFacts } from './types';

/**
 * The api-diff benchmark's matching of Plinth's and oasdiff's findings (run it with
 * `make bench-api-diff`; the entry point is bench.ts).
 */
export { compareWithOasdiff } from './agreement';
export type {
  Agreement,
  CategoryAgreement,
  Disagreement,
  OasdiffFinding,
} from './agreement';
export { oasdiffCategory, operationKey, plinthCategory } from './categories';
export type { Category } from './categories';

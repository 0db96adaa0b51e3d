/** The annotation that groups API entities (one per major version line) into a family. */
export const API_FAMILY_ANNOTATION = 'plinth.dev/api-family';
/** ISO 8601 date the line was deprecated. */
export const DEPRECATED_AT_ANNOTATION = 'plinth.dev/deprecated-at';
/** ISO 8601 date after which the line may be switched off. */
export const SUNSET_AT_ANNOTATION = 'plinth.dev/sunset-at';

/** Lifecycles Plinth gives a meaning to; the catalog allows any string. */
export const API_LIFECYCLES = [
  'experimental',
  'production',
  'deprecated',
] as const;

/** Default `apiGovernance.policy.minDeprecationDays`: production lines get this long. */
export const DEFAULT_MIN_DEPRECATION_DAYS = 180;

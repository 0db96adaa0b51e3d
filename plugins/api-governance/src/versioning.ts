import type { Entity } from '@backstage/catalog-model';

import {
  DEPRECATED_AT_ANNOTATION,
  SUNSET_AT_ANNOTATION,
} from '@plinth/plugin-api-governance-common';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole calendar days (UTC) from `now` to `date`; negative once the date has passed. */
export function daysUntil(date: string, now: Date): number | undefined {
  const target = Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);
  if (Number.isNaN(target)) return undefined;
  const today = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate(),
  );
  const day = new Date(target);
  const targetDay = Date.UTC(
    day.getUTCFullYear(),
    day.getUTCMonth(),
    day.getUTCDate(),
  );
  return Math.round((targetDay - today) / DAY_MS);
}

/** "Sunset in 121 days", "Sunset today", "Sunset 3 days ago". */
export function describeSunset(sunsetAt: string, now: Date): string {
  const days = daysUntil(sunsetAt, now);
  if (days === undefined) return `Sunset date "${sunsetAt}" is not a date`;
  if (days === 0) return 'Sunset today';
  const unit = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  return days > 0 ? `Sunset in ${unit(days)}` : `Sunset ${unit(-days)} ago`;
}

/** One version line of a family as the catalog describes it. */
export type CatalogVersionLine = {
  entityRef: string;
  name: string;
  title: string;
  lifecycle: string;
  semver?: string;
  deprecatedAt?: string;
  sunsetAt?: string;
};

/** Reads a line's catalog facts; `info.version` comes from the definition when it parses. */
export function catalogVersionLine(
  entity: Entity,
  entityRef: string,
  semver: string | undefined,
): CatalogVersionLine {
  const annotations = entity.metadata.annotations ?? {};
  return {
    entityRef,
    name: entity.metadata.name,
    title: entity.metadata.title ?? entity.metadata.name,
    lifecycle: String(entity.spec?.lifecycle ?? 'unknown'),
    semver,
    deprecatedAt: annotations[DEPRECATED_AT_ANNOTATION],
    sunsetAt: annotations[SUNSET_AT_ANNOTATION],
  };
}

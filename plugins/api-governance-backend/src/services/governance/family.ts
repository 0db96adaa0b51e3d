import type { LineVersion } from '@plinth/plugin-api-governance-common';
import type { Inspection } from '../analysis';
import type { ApiEntity } from '../catalog';
import { dayOf, formatDay, parseIsoDay } from './dates';

/** A line of a family with what governance derived from its entity and its definition. */
export type FamilyLine = {
  entity: ApiEntity;
  version: LineVersion;
  /** Undefined for lines that are not OpenAPI (nothing to inspect). */
  inspection?: Inspection;
  /** Epoch days of the annotations that parsed. */
  deprecatedDay?: number;
  sunsetDay?: number;
  /** Annotations that are set but are not ISO 8601 dates. */
  invalidDates: Array<{ annotation: string; value: string }>;
};

/** The major version of a semver (`2.1.0`, `v2.1.0`; a bare `2` counts too). */
export function majorOf(semver: string | undefined): number | undefined {
  const match = /^v?(\d+)(?:\.|$)/.exec(semver?.trim() ?? '');
  return match ? Number(match[1]) : undefined;
}

/** Builds a line from its entity and (for OpenAPI lines) the inspection of its definition. */
export function toFamilyLine(
  entity: ApiEntity,
  inspection: Inspection | undefined,
  now: Date,
): FamilyLine {
  const invalidDates: FamilyLine['invalidDates'] = [];
  const day = (annotation: string, value: string | undefined) => {
    const parsed = parseIsoDay(value);
    if (value !== undefined && parsed === undefined) {
      invalidDates.push({ annotation, value });
    }
    return parsed;
  };
  const deprecatedDay = day('plinth.dev/deprecated-at', entity.deprecatedAt);
  const sunsetDay = day('plinth.dev/sunset-at', entity.sunsetAt);
  const semver = inspection?.ok ? inspection.semver : undefined;
  const version: LineVersion = {
    entityRef: entity.entityRef,
    name: entity.name,
    ...(entity.title && { title: entity.title }),
    lifecycle: entity.lifecycle,
    ...(entity.owner && { owner: entity.owner }),
    ...(semver !== undefined && { semver }),
    ...(majorOf(semver) !== undefined && { major: majorOf(semver) }),
    ...(deprecatedDay !== undefined && {
      deprecatedAt: formatDay(deprecatedDay),
    }),
    ...(sunsetDay !== undefined && {
      sunsetAt: formatDay(sunsetDay),
      daysToSunset: sunsetDay - dayOf(now),
    }),
    ...(inspection &&
      !inspection.ok && {
        definitionProblem: inspection.problem,
      }),
  };
  return {
    entity,
    version,
    inspection,
    deprecatedDay,
    sunsetDay,
    invalidDates,
  };
}

/**
 * Timeline order: by major version; lines whose major is unknown (unusable definition)
 * last; ties by name, so the order never depends on the catalog's.
 */
export function compareLines(a: FamilyLine, b: FamilyLine): number {
  const ma = a.version.major ?? Number.POSITIVE_INFINITY;
  const mb = b.version.major ?? Number.POSITIVE_INFINITY;
  if (ma !== mb) return ma < mb ? -1 : 1;
  return a.entity.entityRef.localeCompare(b.entity.entityRef);
}

/** The family's current line: the newest production line, else the newest line. */
export function currentLine(lines: FamilyLine[]): FamilyLine | undefined {
  const known = lines.filter(l => l.version.major !== undefined);
  const production = known.filter(l => l.entity.lifecycle === 'production');
  return production.at(-1) ?? known.at(-1) ?? lines.at(-1);
}

/** "User provisioning API v2" -> "User provisioning API": the family, not the line. */
export function familyTitle(name: string, lines: FamilyLine[]): string {
  const title = currentLine(lines)?.entity.title;
  return title ? title.replace(/\s+v\d+$/i, '') : name;
}

/** API entities grouped by family name, families sorted by name. */
export function groupByFamily(apis: ApiEntity[]): Map<string, ApiEntity[]> {
  const families = new Map<string, ApiEntity[]>();
  for (const api of apis) {
    if (!api.family) continue;
    families.set(api.family, [...(families.get(api.family) ?? []), api]);
  }
  return new Map(
    [...families.entries()].sort(([a], [b]) => a.localeCompare(b)),
  );
}

import type { Inspection } from '../../analysis';
import type { ApiEntity } from '../../catalog';
import { toFamilyLine, type FamilyLine } from '../family';

/** "Today" in these tests. */
export const NOW = new Date('2026-11-30T12:00:00Z');

export function apiEntity(
  name: string,
  overrides: Partial<ApiEntity> = {},
): ApiEntity {
  return {
    entityRef: `api:default/${name}`,
    name,
    family: 'orders',
    type: 'openapi',
    lifecycle: 'production',
    owner: 'group:default/commerce',
    definition: 'openapi: 3.0.3',
    consumerRefs: [],
    ...overrides,
  };
}

export function inspected(semver: string): Inspection {
  return { ok: true, semver, findings: [] };
}

export function line(
  name: string,
  semver: string | Inspection,
  overrides: Partial<ApiEntity> = {},
): FamilyLine {
  return toFamilyLine(
    apiEntity(name, overrides),
    typeof semver === 'string' ? inspected(semver) : semver,
    NOW,
  );
}

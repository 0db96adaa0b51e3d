import type { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** A group reference in its canonical, lower-case form, e.g. `group:default/platform`. */
export type GroupRef = string;

/** What one external service principal (e.g. the static automation token) may do. */
export interface AutomationGrant {
  /** The token's subject, e.g. `automation`. */
  subject: string;
  /** Permission names this subject is granted. */
  allow: ReadonlySet<string>;
}

/** `plinth.permissions`, parsed and checked. */
export interface PlinthPermissionsConfig {
  exporters: readonly GroupRef[];
  administrators: readonly GroupRef[];
  automation: ReadonlyMap<string, AutomationGrant>;
}

const CONFIG_KEY = 'plinth.permissions';

export const DEFAULT_EXPORTERS: readonly GroupRef[] = [
  'group:default/platform',
];
export const DEFAULT_ADMINISTRATORS: readonly GroupRef[] = [
  'group:default/platform',
];
/** The automation token reads, and exports nothing: bulk contact data needs a person. */
export const DEFAULT_AUTOMATION: readonly {
  subject: string;
  allow: readonly string[];
}[] = [
  {
    subject: 'automation',
    allow: [
      'catalog.entity.read',
      'catalog.location.read',
      'ownership.matrix.read',
    ],
  },
];

/**
 * Reads `plinth.permissions` once, at the edge. Every malformed value is an error that
 * names the exact key, so a typo stops the backend instead of silently granting nothing.
 */
export function readPlinthPermissionsConfig(
  config: Config,
): PlinthPermissionsConfig {
  const section = config.getOptionalConfig(CONFIG_KEY);
  return {
    exporters: readGroupList(section, 'exporters', DEFAULT_EXPORTERS),
    administrators: readGroupList(
      section,
      'administrators',
      DEFAULT_ADMINISTRATORS,
    ),
    automation: readAutomation(section),
  };
}

function readGroupList(
  section: Config | undefined,
  key: string,
  defaults: readonly GroupRef[],
): readonly GroupRef[] {
  if (!section?.has(key)) {
    return defaults;
  }
  const values = section.getStringArray(key);
  return values.map((value, index) =>
    parseGroupRef(value, `${CONFIG_KEY}.${key}[${index}]`),
  );
}

/** Parses a full group reference; `where` names the config key in errors. */
export function parseGroupRef(value: string, where: string): GroupRef {
  let ref;
  try {
    ref = parseEntityRef(value.trim());
  } catch (error) {
    throw new InputError(
      `${where}: '${value}' is not an entity reference; write group:<namespace>/<name>, e.g. group:default/platform`,
    );
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
    throw new InputError(
      `${where}: '${value}' is a ${ref.kind} reference; only groups can be granted permissions (write group:<namespace>/<name>)`,
    );
  }
  // Ownership claims are lower-case refs; compare like with like.
  return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
}

function readAutomation(
  section: Config | undefined,
): ReadonlyMap<string, AutomationGrant> {
  const result = new Map<string, AutomationGrant>();
  if (!section?.has('automation')) {
    for (const { subject, allow } of DEFAULT_AUTOMATION) {
      result.set(subject, { subject, allow: new Set(allow) });
    }
    return result;
  }
  section.getConfigArray('automation').forEach((entry, index) => {
    const where = `${CONFIG_KEY}.automation[${index}]`;
    const subject = entry.getString('subject').trim();
    if (!/^\S+$/.test(subject)) {
      throw new InputError(
        `${where}.subject: '${subject}' must be a non-empty subject without spaces`,
      );
    }
    if (subject.startsWith('plugin:')) {
      throw new InputError(
        `${where}.subject: '${subject}' is a backend plugin; plugin-to-plugin calls follow Backstage's own rules and cannot be granted here`,
      );
    }
    if (result.has(subject)) {
      throw new InputError(
        `${where}.subject: '${subject}' is listed twice; merge its allow lists`,
      );
    }
    const allow = entry.getStringArray('allow').map((name, nameIndex) => {
      const trimmed = name.trim();
      if (!/^[a-z0-9][a-z0-9._-]*$/i.test(trimmed)) {
        throw new InputError(
          `${where}.allow[${nameIndex}]: '${name}' is not a permission name (e.g. catalog.entity.read)`,
        );
      }
      return trimmed;
    });
    result.set(subject, { subject, allow: new Set(allow) });
  });
  return result;
}

import {
  CompoundEntityRef,
  Entity,
  makeValidator,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_ESCALATION_POLICY,
  ANNOTATION_TIER,
  ESCALATION_POLICY_KIND,
  SERVICE_TIERS,
  ServiceTier,
} from '@plinth/plugin-ownership-common';

const validator = makeValidator();

const KIND_LABELS: Record<string, string> = {
  Group: 'a group',
  [ESCALATION_POLICY_KIND]: 'an escalation policy',
};

/** Either a parsed value or the sentence that says why it is not one. */
export type Parsed<T> =
  | { value: T; problem?: undefined }
  | { value?: undefined; problem: string };

/**
 * Parses an entity ref written in catalog YAML, the way the catalog fills in a
 * missing kind and namespace, and rejects refs whose parts the catalog would
 * never accept as a name.
 */
export function parseRefField(options: {
  field: string;
  raw: unknown;
  defaultKind: string;
  defaultNamespace: string;
  expectedKind: string;
}): Parsed<CompoundEntityRef> {
  const { field, raw, defaultKind, defaultNamespace, expectedKind } = options;
  const syntax = `[${expectedKind.toLocaleLowerCase(
    'en-US',
  )}:][namespace/]name`;
  if (typeof raw !== 'string' || raw.trim() === '') {
    return { problem: `${field} is empty (expected ${syntax})` };
  }
  let ref: CompoundEntityRef;
  try {
    ref = parseEntityRef(raw, { defaultKind, defaultNamespace });
  } catch {
    return {
      problem: `${field} "${raw}" is not an entity ref (expected ${syntax})`,
    };
  }
  if (
    !validator.isValidKind(ref.kind) ||
    !validator.isValidNamespace(ref.namespace) ||
    !validator.isValidEntityName(ref.name)
  ) {
    return {
      problem: `${field} "${raw}" is not an entity ref (expected ${syntax})`,
    };
  }
  if (
    ref.kind.toLocaleLowerCase('en-US') !==
    expectedKind.toLocaleLowerCase('en-US')
  ) {
    return {
      problem: `${field} "${raw}" names a ${ref.kind.toLocaleLowerCase(
        'en-US',
      )}, not ${KIND_LABELS[expectedKind] ?? `a ${expectedKind}`}`,
    };
  }
  return { value: { ...ref, kind: expectedKind } };
}

const annotationField = (key: string) => `metadata.annotations["${key}"]`;

/**
 * The policy an entity names with `plinth.dev/escalation-policy`, or undefined
 * when it has no such annotation.
 */
export function escalationPolicyRefOf(
  entity: Entity,
): Parsed<CompoundEntityRef> | undefined {
  const annotations = entity.metadata.annotations ?? {};
  if (!(ANNOTATION_ESCALATION_POLICY in annotations)) {
    return undefined;
  }
  return parseRefField({
    field: annotationField(ANNOTATION_ESCALATION_POLICY),
    raw: annotations[ANNOTATION_ESCALATION_POLICY],
    defaultKind: ESCALATION_POLICY_KIND,
    defaultNamespace: entity.metadata.namespace ?? 'default',
    expectedKind: ESCALATION_POLICY_KIND,
  });
}

/** The service tier from `plinth.dev/tier`, or undefined when it is not set. */
export function serviceTierOf(entity: Entity): Parsed<ServiceTier> | undefined {
  const annotations = entity.metadata.annotations ?? {};
  if (!(ANNOTATION_TIER in annotations)) {
    return undefined;
  }
  const raw = annotations[ANNOTATION_TIER];
  if (!(SERVICE_TIERS as readonly string[]).includes(raw)) {
    return {
      problem: `${annotationField(
        ANNOTATION_TIER,
      )} "${raw}" is not a service tier (use ${SERVICE_TIERS.join(', ')})`,
    };
  }
  return { value: raw as ServiceTier };
}

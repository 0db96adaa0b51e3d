import {
  VIOLATION_RULES,
  type PolicyViolation,
  type ViolationRuleId,
} from '@plinth/plugin-api-governance-common';
import type { Comparison } from '../analysis';
import type { ConsumerEntity } from '../catalog';
import type { EntityOwnership } from '../ownership';
import { dayOf, formatDay } from './dates';
import type { FamilyLine } from './family';

/** One line with what the policy needs to know about it. */
export type LinePolicyInput = {
  line: FamilyLine;
  /** Its consumers that exist (and the caller may read). */
  consumers: ConsumerEntity[];
  /** What the ownership backend says about the line's entity. */
  ownership: EntityOwnership;
};

/** Two neighbours of the timeline and the comparison of their definitions. */
export type ConsecutiveLines = {
  base: FamilyLine;
  head: FamilyLine;
  /** Undefined when one of the two has no usable definition. */
  comparison?: Comparison;
};

export type PolicyOptions = {
  /** `apiGovernance.policy.minDeprecationDays`. */
  minDeprecationDays: number;
  now: Date;
};

function violation(
  ruleId: ViolationRuleId,
  entityRef: string,
  message: string,
): PolicyViolation {
  return {
    ruleId,
    severity: VIOLATION_RULES[ruleId].severity,
    message,
    entityRef,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Production lines and the deprecated lines that were production before. */
function wasProduction(line: FamilyLine): boolean {
  return ['production', 'deprecated'].includes(line.entity.lifecycle);
}

function definitionViolations(line: FamilyLine): PolicyViolation[] {
  const { entity, inspection } = line;
  const ref = entity.entityRef;
  const found: PolicyViolation[] = [];
  if (entity.type !== 'openapi') {
    found.push(
      violation(
        'invalid-definition',
        ref,
        `${ref} has spec.type "${
          entity.type ?? ''
        }"; only OpenAPI lines can be versioned, linted and compared.`,
      ),
    );
  } else if (inspection && !inspection.ok) {
    found.push(
      violation(
        'invalid-definition',
        ref,
        `The definition of ${ref} cannot be used (${inspection.problem.code}): ${inspection.problem.message}`,
      ),
    );
  }
  for (const { annotation, value } of line.invalidDates) {
    found.push(
      violation(
        'invalid-definition',
        ref,
        `${ref}: annotation ${annotation} is "${value}", not an ISO 8601 date (YYYY-MM-DD).`,
      ),
    );
  }
  return found;
}

function lifecycleViolations(
  input: LinePolicyInput,
  options: PolicyOptions,
): PolicyViolation[] {
  const { line, consumers, ownership } = input;
  const { entity, deprecatedDay, sunsetDay } = line;
  const ref = entity.entityRef;
  const today = dayOf(options.now);
  const found: PolicyViolation[] = [];

  if (sunsetDay !== undefined && sunsetDay <= today) {
    const ago = today - sunsetDay;
    for (const consumer of consumers) {
      found.push(
        violation(
          'sunset-passed-still-consumed',
          consumer.entityRef,
          `${
            consumer.entityRef
          } still consumes ${ref}, whose sunset was on ${formatDay(
            sunsetDay,
          )} (${ago === 0 ? 'today' : `${plural(ago, 'day')} ago`}).`,
        ),
      );
    }
  }

  if (
    wasProduction(line) &&
    deprecatedDay !== undefined &&
    sunsetDay !== undefined &&
    sunsetDay - deprecatedDay < options.minDeprecationDays
  ) {
    found.push(
      violation(
        'deprecation-window-too-short',
        ref,
        `${ref} is sunset ${plural(
          sunsetDay - deprecatedDay,
          'day',
        )} after its deprecation (${formatDay(deprecatedDay)} -> ${formatDay(
          sunsetDay,
        )}); production lines get at least ${plural(
          options.minDeprecationDays,
          'day',
        )}.`,
      ),
    );
  }

  if (sunsetDay !== undefined && entity.lifecycle !== 'deprecated') {
    found.push(
      violation(
        'sunset-without-deprecation',
        ref,
        `${ref} has a sunset date (${formatDay(
          sunsetDay,
        )}) but its lifecycle is "${entity.lifecycle}", not deprecated.`,
      ),
    );
  }

  if (
    entity.lifecycle === 'deprecated' &&
    sunsetDay === undefined &&
    entity.sunsetAt === undefined
  ) {
    found.push(
      violation(
        'deprecated-without-sunset',
        ref,
        `${ref} is deprecated without a plinth.dev/sunset-at date, so its consumers cannot plan the move.`,
      ),
    );
  }

  if (entity.lifecycle === 'production') {
    if (!entity.owner) {
      found.push(
        violation(
          'production-without-owner',
          ref,
          `${ref} is in production without an owner (spec.owner).`,
        ),
      );
    } else if (ownership.state === 'known' && ownership.ownerUnknown) {
      found.push(
        violation(
          'production-without-owner',
          ref,
          `${ref} is in production and its owner ${entity.owner} is not in the catalog.`,
        ),
      );
    }
    // Only a definite answer counts: an unreachable ownership backend is not a violation.
    if (ownership.state === 'known' && !ownership.policyRef) {
      found.push(
        violation(
          'production-without-escalation-policy',
          ref,
          `${ref} is in production without an escalation policy (neither its own plinth.dev/escalation-policy nor one of its owner ${
            entity.owner ?? 'group'
          }).`,
        ),
      );
    }
  }
  return found;
}

function duplicateMajorViolations(lines: FamilyLine[]): PolicyViolation[] {
  const byMajor = new Map<number, FamilyLine[]>();
  for (const line of lines) {
    const major = line.version.major;
    if (major === undefined) continue;
    byMajor.set(major, [...(byMajor.get(major) ?? []), line]);
  }
  const found: PolicyViolation[] = [];
  for (const [major, same] of byMajor) {
    if (same.length < 2) continue;
    const names = same
      .map(l => `${l.entity.entityRef} (${l.version.semver})`)
      .join(', ');
    for (const line of same.slice(1)) {
      found.push(
        violation(
          'duplicate-major-version',
          line.entity.entityRef,
          `Major version ${major} is declared by ${names}; a family has one API entity per major version line.`,
        ),
      );
    }
  }
  return found;
}

function versionBumpViolations(pairs: ConsecutiveLines[]): PolicyViolation[] {
  const found: PolicyViolation[] = [];
  for (const { base, head, comparison } of pairs) {
    if (!comparison?.ok) continue;
    if (
      !comparison.changes.some(
        c => c.ruleId === 'breaking-change-without-major-bump',
      )
    ) {
      continue;
    }
    const breaking = comparison.changes.filter(
      c =>
        c.severity === 'breaking' &&
        c.ruleId !== 'breaking-change-without-major-bump',
    ).length;
    found.push(
      violation(
        'breaking-change-without-major-bump',
        head.entity.entityRef,
        `${head.entity.entityRef} (${head.version.semver}) has ${plural(
          breaking,
          'breaking change',
        )} against ${base.entity.entityRef} (${
          base.version.semver
        }) without a new major version.`,
      ),
    );
  }
  return found;
}

/**
 * The governance policy over a family's timeline. Violations are returned per line (the
 * line's entity ref): a consumer still on a line past its sunset is reported on that line,
 * naming the consumer.
 */
export function evaluatePolicy(
  lines: LinePolicyInput[],
  pairs: ConsecutiveLines[],
  options: PolicyOptions,
): Map<string, PolicyViolation[]> {
  const byLine = new Map<string, PolicyViolation[]>(
    lines.map(input => [input.line.entity.entityRef, []]),
  );
  const add = (lineRef: string, found: PolicyViolation[]) =>
    byLine.get(lineRef)?.push(...found);
  for (const input of lines) {
    const ref = input.line.entity.entityRef;
    add(ref, definitionViolations(input.line));
    add(ref, lifecycleViolations(input, options));
  }
  for (const found of duplicateMajorViolations(lines.map(l => l.line))) {
    add(found.entityRef, [found]);
  }
  for (const found of versionBumpViolations(pairs)) {
    add(found.entityRef, [found]);
  }
  return byLine;
}

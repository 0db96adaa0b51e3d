import type {
  ChangeCounts,
  ConsumerEscalation,
  ConsumerImpact,
} from '@plinth/plugin-api-governance-common';
import type { ConsumerEntity } from '../catalog';
import type { EntityOwnership } from '../ownership';
import { dayOf, formatDay } from './dates';
import type { FamilyLine } from './family';

/** Where a consumer should move: the family's current line, and what the move breaks. */
export type Migration = { toEntityRef: string; changes?: ChangeCounts };

function escalationOf(
  ownership: EntityOwnership | undefined,
): ConsumerEscalation {
  if (!ownership || ownership.state === 'unavailable') {
    return { state: 'unavailable' };
  }
  if (ownership.state === 'unknown' || !ownership.policyRef) {
    return { state: 'no-policy' };
  }
  return {
    state: 'ok',
    policyRef: ownership.policyRef,
    ...(ownership.firstTier && { firstTier: ownership.firstTier }),
  };
}

function moveAdvice(migration: Migration | undefined): string {
  if (!migration) return '';
  const breaking = migration.changes?.breaking;
  return `; move to ${migration.toEntityRef}${
    breaking === undefined
      ? ''
      : ` (${breaking} breaking change${breaking === 1 ? '' : 's'})`
  }`;
}

/**
 * What a line's lifecycle means for one of its consumers, who owns the consumer and whom to
 * call. `ownership` is undefined when contacts were not asked for (the family list).
 */
export function consumerImpact(
  line: FamilyLine,
  consumer: ConsumerEntity,
  ownership: EntityOwnership | undefined,
  migration: Migration | undefined,
  now: Date,
): ConsumerImpact {
  const today = dayOf(now);
  const { sunsetDay } = line;
  const deprecated = line.entity.lifecycle === 'deprecated';
  let impact: ConsumerImpact['impact'] = 'none';
  let message = `${line.entity.entityRef} is a supported line.`;
  if (sunsetDay !== undefined && sunsetDay <= today) {
    impact = 'past-sunset';
    const ago = today - sunsetDay;
    message = `Sunset on ${formatDay(sunsetDay)}, ${
      ago === 0 ? 'today' : `${ago} day${ago === 1 ? '' : 's'} ago`
    }${moveAdvice(migration)}.`;
  } else if (sunsetDay !== undefined) {
    impact = 'migrate-before-sunset';
    const days = sunsetDay - today;
    message = `${deprecated ? 'Deprecated; sunset' : 'Sunset'} on ${formatDay(
      sunsetDay,
    )}, in ${days} day${days === 1 ? '' : 's'}${moveAdvice(migration)}.`;
  } else if (deprecated) {
    impact = 'migrate-before-sunset';
    message = `Deprecated, no sunset date yet${moveAdvice(migration)}.`;
  }
  const known = ownership?.state === 'known' ? ownership : undefined;
  const owner = known?.ownerRef ?? consumer.owner;
  return {
    entityRef: consumer.entityRef,
    kind: consumer.kind,
    ...(consumer.title && { title: consumer.title }),
    ...(owner && { owner }),
    ...(known?.ownerTitle && { ownerTitle: known.ownerTitle }),
    impact,
    message,
    ...(migration &&
      migration.changes && {
        migration: {
          toEntityRef: migration.toEntityRef,
          changes: migration.changes,
        },
      }),
    escalation: escalationOf(ownership),
  };
}

import Ajv, { ErrorObject } from 'ajv';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EscalationContact,
  EscalationPolicyEntity,
  EscalationTier,
} from '@plinth/plugin-ownership-common';
import schema from './EscalationPolicy.v1alpha1.schema.json';
import { escalationPolicyRefOf, parseRefField } from './escalationRefs';

const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
const validateSchema = ajv.compile(schema);

const CHANNELS = ['pager', 'chat', 'email', 'phone', 'url'] as const;
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;
const E164_PHONE = /^\+[1-9]\d{6,14}$/;
const PAGER_SCHEDULE = /^[a-z][a-z0-9-]*:[A-Za-z0-9._-]+$/;
const CHAT_CHANNEL = /^#[a-z0-9][a-z0-9._-]*$/;

/** Hints appended to "is missing" / "is empty" for the fields people forget. */
const HINTS: Record<string, string> = {
  'spec.tiers': 'a policy needs at least one tier',
  contacts: 'a tier needs at least one contact',
  responseMinutes: 'set a target for at least one of tier-1, tier-2, tier-3',
};

const hintFor = (field: string) => {
  const hint = HINTS[field] ?? HINTS[field.split('.').pop() ?? ''];
  return hint ? ` (${hint})` : '';
};

/** "/spec/tiers/1/contacts/0" -> "spec.tiers[1].contacts[0]" */
export function jsonPathOf(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map(segment => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (path, segment) =>
        /^\d+$/.test(segment)
          ? `${path}[${segment}]`
          : `${path}${path ? '.' : ''}${segment}`,
      '',
    );
}

function describeSchemaError(error: ErrorObject): string | undefined {
  const at = jsonPathOf(error.instancePath);
  const field = (name: string) => (at ? `${at}.${name}` : name);
  const got = JSON.stringify(error.data);
  switch (error.keyword) {
    case 'required': {
      const missing = field(error.params.missingProperty);
      return `${missing} is missing${hintFor(missing)}`;
    }
    case 'minItems':
    case 'minProperties':
      return `${at} is empty${hintFor(at)}`;
    case 'additionalProperties':
      return `${at || 'entity'} has an unknown field "${
        error.params.additionalProperty
      }"`;
    case 'enum':
      return `${at} must be one of ${error.params.allowedValues
        .map((v: unknown) => JSON.stringify(v))
        .join(', ')}, got ${got}`;
    case 'type':
      return `${at} must be ${error.params.type === 'integer' ? 'an' : 'a'} ${
        error.params.type
      }, got ${got}`;
    case 'minimum':
      return `${at} must be at least ${error.params.limit}, got ${got}`;
    case 'minLength':
      return `${at} is empty`;
    case 'uniqueItems':
      return `${at} lists ${JSON.stringify(
        (error.data as unknown[])[error.params.i],
      )} twice`;
    default:
      return `${at} ${error.message}`;
  }
}

function isValidTimeZone(timeZone: string): boolean {
  try {
    // Throws a RangeError for anything that is not a known IANA zone.
    return Boolean(new Intl.DateTimeFormat('en-US', { timeZone }));
  } catch {
    return false;
  }
}

function contactProblems(contact: EscalationContact, at: string): string[] {
  const set = CHANNELS.filter(
    channel =>
      typeof contact[channel] === 'string' && contact[channel]!.trim() !== '',
  );
  if (set.length === 0) {
    return [`${at} has no channel (set one of ${CHANNELS.join(', ')})`];
  }
  const problems: string[] = [];
  const isHttpsUrl = (value: string) => {
    try {
      return new URL(value).protocol === 'https:';
    } catch {
      return false;
    }
  };
  const { pager, chat, email, phone, url } = contact;
  if (pager && !PAGER_SCHEDULE.test(pager) && !isHttpsUrl(pager)) {
    problems.push(
      `${at}.pager "${pager}" is neither a schedule like "pagerduty:P1DENTY" nor an https URL`,
    );
  }
  if (chat && !CHAT_CHANNEL.test(chat) && !isHttpsUrl(chat)) {
    problems.push(
      `${at}.chat "${chat}" is neither a channel like "#team-oncall" nor an https URL`,
    );
  }
  if (email && !EMAIL.test(email)) {
    problems.push(`${at}.email "${email}" is not an email address`);
  }
  if (phone && !E164_PHONE.test(phone)) {
    problems.push(
      `${at}.phone "${phone}" is not an E.164 phone number (e.g. +4930123456)`,
    );
  }
  if (url && !isHttpsUrl(url)) {
    problems.push(`${at}.url "${url}" is not an https URL`);
  }
  return problems;
}

function hoursProblems(tier: EscalationTier, at: string): string[] {
  const hours = tier.hours as Record<string, unknown>;
  if (hours.type === '24x7') {
    const extra = ['timeZone', 'start', 'end', 'days'].filter(
      key => key in hours,
    );
    return extra.length > 0
      ? [`${at} is 24x7 and cannot also set ${extra.join(', ')}`]
      : [];
  }
  const problems: string[] = [];
  const {
    timeZone,
    start = '09:00',
    end = '17:00',
  } = hours as {
    timeZone?: string;
    start?: string;
    end?: string;
  };
  if (timeZone === undefined) {
    problems.push(
      `${at}.timeZone is missing (business-hours needs an IANA time zone, e.g. "Europe/Berlin")`,
    );
  } else if (!isValidTimeZone(timeZone)) {
    problems.push(
      `${at}.timeZone "${timeZone}" is not an IANA time zone (e.g. "Europe/Berlin")`,
    );
  }
  const times = { start, end };
  for (const [key, value] of Object.entries(times)) {
    if (!TIME_OF_DAY.test(value)) {
      problems.push(
        `${at}.${key} "${value}" is not a time of day as HH:MM (00:00 to 23:59)`,
      );
    }
  }
  if (TIME_OF_DAY.test(start) && TIME_OF_DAY.test(end) && start >= end) {
    problems.push(`${at} end ${end} is not after start ${start}`);
  }
  return problems;
}

function tierProblems(tiers: EscalationTier[]): string[] {
  const problems: string[] = [];
  const firstIndexOfLevel = new Map<number, number>();
  tiers.forEach((tier, index) => {
    const at = `spec.tiers[${index}]`;
    const earlier = firstIndexOfLevel.get(tier.level);
    if (earlier !== undefined) {
      problems.push(
        `${at}.level ${tier.level} is already used by spec.tiers[${earlier}] (levels must be unique)`,
      );
    } else {
      firstIndexOfLevel.set(tier.level, index);
      const previous = index > 0 ? tiers[index - 1].level : undefined;
      if (previous !== undefined && tier.level < previous) {
        problems.push(
          `${at}.level ${tier.level} comes after level ${previous} (list tiers in calling order, lowest level first)`,
        );
      }
    }
    tier.contacts.forEach((contact, contactIndex) =>
      problems.push(
        ...contactProblems(contact, `${at}.contacts[${contactIndex}]`),
      ),
    );
    problems.push(...hoursProblems(tier, `${at}.hours`));
    for (const [serviceTier, minutes] of Object.entries(tier.responseMinutes)) {
      if (!Number.isInteger(minutes) || (minutes as number) <= 0) {
        problems.push(
          `${at}.responseMinutes.${serviceTier} must be a whole number of minutes above 0, got ${minutes}`,
        );
      }
    }
  });
  return problems;
}

/**
 * Everything wrong with an EscalationPolicy entity, one sentence per problem,
 * each naming the JSON path it is about. Empty when the policy is valid.
 *
 * The schema checks structure first; the rules that span fields or need a
 * lookup (unique levels, time zones) only run on a structurally valid spec.
 */
export function validateEscalationPolicy(entity: Entity): string[] {
  if (!validateSchema(entity)) {
    return (validateSchema.errors ?? [])
      .filter(
        error => !['if', 'then', 'anyOf', 'oneOf'].includes(error.keyword),
      )
      .map(describeSchemaError)
      .filter((message): message is string => Boolean(message));
  }
  const policy = entity as EscalationPolicyEntity;
  const namespace = policy.metadata.namespace ?? 'default';
  const problems: string[] = [];

  const owner = parseRefField({
    field: 'spec.owner',
    raw: policy.spec.owner,
    defaultKind: 'Group',
    defaultNamespace: namespace,
    expectedKind: 'Group',
  });
  if (owner.problem) problems.push(owner.problem);

  problems.push(...tierProblems(policy.spec.tiers));

  const next = escalationPolicyRefOf(policy);
  if (next?.problem) {
    problems.push(next.problem);
  } else if (
    next &&
    stringifyEntityRef(next.value!) === stringifyEntityRef(policy)
  ) {
    problems.push(
      `metadata.annotations["plinth.dev/escalation-policy"] points at this policy itself (name the policy to escalate to after the last tier, or remove the annotation)`,
    );
  }
  return problems;
}

import type { Entity } from '@backstage/catalog-model';

/** apiVersion of Plinth's own catalog kinds. */
export const PLINTH_API_VERSION = 'plinth.dev/v1alpha1';
export const ESCALATION_POLICY_KIND = 'EscalationPolicy';

/** Components, APIs and resources name their policy with this annotation (`[kind:][namespace/]name`). */
export const ANNOTATION_ESCALATION_POLICY = 'plinth.dev/escalation-policy';
/** Service tier of a component, API or resource. */
export const ANNOTATION_TIER = 'plinth.dev/tier';

/** Relation from an entity to the escalation policy that covers it, and its inverse. */
export const RELATION_ESCALATES_VIA = 'escalatesVia';
export const RELATION_ESCALATION_FOR = 'escalationFor';

export const SERVICE_TIERS = ['tier-1', 'tier-2', 'tier-3'] as const;
export type ServiceTier = (typeof SERVICE_TIERS)[number];

/** One way to reach someone. At least one channel must be set. */
export type EscalationContact = {
  /** Who this is, e.g. "Identity on-call" or a user ref. */
  name?: string;
  /** Pager schedule, e.g. "pagerduty:PIDENT1" or an https URL to the schedule. */
  pager?: string;
  /** Chat channel, e.g. "#identity-oncall". */
  chat?: string;
  email?: string;
  /** E.164 phone number, e.g. "+4930123456". */
  phone?: string;
  /** Any other https URL (runbook, form). */
  url?: string;
};

export type EscalationHours =
  | { type: '24x7' }
  | {
      type: 'business-hours';
      /** IANA time zone, e.g. "Europe/Berlin". */
      timeZone: string;
      /** Local time "HH:MM"; defaults 09:00-17:00, Monday to Friday. */
      start?: string;
      end?: string;
      days?: Array<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'>;
    };

/** One rung of the ladder: tier 1 is called first. */
export type EscalationTier = {
  /** 1, 2, 3, ...: unique within a policy, called in ascending order. */
  level: number;
  /** e.g. "On-call engineer", "Team lead", "Domain lead". */
  name: string;
  contacts: EscalationContact[];
  hours: EscalationHours;
  /** Minutes within which this tier responds, per service tier of the affected entity. */
  responseMinutes: Partial<Record<ServiceTier, number>>;
};

export type EscalationPolicyEntity = Entity & {
  apiVersion: typeof PLINTH_API_VERSION;
  kind: typeof ESCALATION_POLICY_KIND;
  spec: {
    /** The Group that owns and maintains the policy. */
    owner: string;
    tiers: EscalationTier[];
  };
};

export function isEscalationPolicyEntity(
  entity: Entity,
): entity is EscalationPolicyEntity {
  return (
    entity.apiVersion === PLINTH_API_VERSION &&
    entity.kind === ESCALATION_POLICY_KIND
  );
}

import {
  SLO_DEFINITIONS,
  type PipelineEscalation,
  type SloUnit,
} from '@plinth/plugin-pipeline-health-common';
import { contactChannelsOf } from '@plinth/plugin-ownership-common';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { PipelineConfig } from '../../config';
import type { StoredIncident } from './types';

type NotificationPayload = NotificationSendOptions['payload'];

const trim = (n: number, digits: number) => String(Number(n.toFixed(digits)));

/** A value in an SLO's unit as people read it: "142 ms", "1.5 s", "5 min", "2.3 %". */
export function formatSloValue(value: number, unit: SloUnit): string {
  if (unit === 'ratio') {
    return `${trim(value * 100, 2)} %`;
  }
  if (value < 1_000) {
    return `${trim(value, 0)} ms`;
  }
  if (value < 60_000) {
    return `${trim(value / 1_000, 1)} s`;
  }
  return `${trim(value / 60_000, 1)} min`;
}

/** "1. On-call engineer (escalationpolicy:default/x)": what the incident records. */
export function tierLabel(escalation: PipelineEscalation): string {
  return `${escalation.tier.level}. ${escalation.tier.name} (${escalation.policyRef})`;
}

/** The first tier and every contact's channels, in the ownership plugin's order. */
export function describeEscalation(
  pipeline: Pick<PipelineConfig, 'owner'>,
  escalation: PipelineEscalation | undefined,
  /** The ownership backend did not answer, so whether a policy exists is unknown. */
  unknown = false,
): string {
  if (!escalation && unknown) {
    return `The escalation policy of ${pipeline.owner} could not be read from the ownership backend; the pipeline page shows who to call once it answers.`;
  }
  if (!escalation) {
    return `No escalation policy found for ${pipeline.owner}; ask them to add one (see the Ownership page).`;
  }
  const contacts = escalation.tier.contacts.map(contact => {
    const channels = contactChannelsOf(contact)
      .map(({ channel, value }) => `${channel} ${value}`)
      .join(', ');
    return contact.name ? `${contact.name}: ${channels}` : channels;
  });
  return `First escalation tier: ${tierLabel(escalation)}${
    contacts.length ? ` — ${contacts.join('; ')}` : ' — no contacts listed'
  }.`;
}

const sloName = (slo: StoredIncident['slo']) => {
  const { title } = SLO_DEFINITIONS[slo];
  // "Ingestion latency P99" reads as "ingestion latency P99" after the pipeline's name.
  return title.charAt(0).toLocaleLowerCase('en-US') + title.slice(1);
};

/** Groups a pipeline's notices about one SLO together in the notifications page. */
export const notificationTopic = (pipelineId: string, slo: string) =>
  `pipeline-health:${pipelineId}:${slo}`;

export const pipelineLink = (pipelineId: string) => `/pipelines/${pipelineId}`;

export function breachNotification(options: {
  pipeline: Pick<PipelineConfig, 'id' | 'title' | 'owner'>;
  incident: StoredIncident;
  value?: number;
  escalation?: PipelineEscalation;
  /** The ownership backend did not answer the escalation lookup. */
  escalationUnknown?: boolean;
}): NotificationPayload {
  const { pipeline, incident, escalation } = options;
  const { unit } = SLO_DEFINITIONS[incident.slo];
  const value = options.value ?? incident.worstValue;
  const measured =
    value === undefined ? '' : `${formatSloValue(value, unit)}, `;
  return {
    title: `Pipeline ${pipeline.title}: ${sloName(
      incident.slo,
    )} in breach (${measured}objective < ${formatSloValue(
      incident.target,
      unit,
    )})`,
    description: [
      `In breach since ${new Date(incident.startedAt).toISOString()}${
        incident.worstValue === undefined
          ? ''
          : `; worst ${formatSloValue(incident.worstValue, unit)}`
      }.`,
      describeEscalation(pipeline, escalation, options.escalationUnknown),
    ].join(' '),
    link: pipelineLink(pipeline.id),
    severity: 'high',
    topic: notificationTopic(pipeline.id, incident.slo),
    // Distinct per incident and kind: the notifications backend replaces an earlier notice
    // with the same scope, and the resolved notice must not overwrite the breach.
    scope: `pipeline-health:incident:${incident.id}:breach`,
  };
}

export function resolvedNotification(options: {
  pipeline: Pick<PipelineConfig, 'id' | 'title'>;
  incident: StoredIncident;
  resolvedAt: number;
  value?: number;
}): NotificationPayload {
  const { pipeline, incident, resolvedAt } = options;
  const { unit } = SLO_DEFINITIONS[incident.slo];
  const measured =
    options.value === undefined
      ? ''
      : `${formatSloValue(options.value, unit)}, `;
  return {
    title: `Pipeline ${pipeline.title}: ${sloName(
      incident.slo,
    )} recovered (${measured}objective < ${formatSloValue(
      incident.target,
      unit,
    )})`,
    description: `In breach from ${new Date(
      incident.startedAt,
    ).toISOString()} to ${new Date(resolvedAt).toISOString()} (${formatSloValue(
      resolvedAt - incident.startedAt,
      'ms',
    )})${
      incident.worstValue === undefined
        ? ''
        : `; worst ${formatSloValue(incident.worstValue, unit)}`
    }.`,
    link: pipelineLink(pipeline.id),
    severity: 'normal',
    topic: notificationTopic(pipeline.id, incident.slo),
    scope: `pipeline-health:incident:${incident.id}:resolved`,
  };
}

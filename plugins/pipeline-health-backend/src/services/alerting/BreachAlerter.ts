import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type {
  Incident,
  SloResult,
} from '@plinth/plugin-pipeline-health-common';
import type { AlertingConfig, PipelineConfig } from '../../config';
import type { EscalationLookup } from '../escalation';
import {
  breachNotification,
  resolvedNotification,
  tierLabel,
} from './notificationText';
import type { IncidentStore, StoredIncident } from './types';

/**
 * How long a due breach notification waits for the ownership backend to name the first
 * escalation tier before it goes out without one.
 */
export const ESCALATION_WAIT_MS = 2 * 60_000;

export type BreachAlerterOptions = {
  incidents: IncidentStore;
  notifications: Pick<NotificationService, 'send'>;
  escalation: EscalationLookup;
  alerting: AlertingConfig;
  logger: LoggerService;
};

/** What one evaluation changed, for logs and live updates. */
export type AlertTransition = {
  type: 'opened' | 'notified' | 'resolved';
  incident: StoredIncident;
};

/** The REST shape of a stored incident. */
export function toIncident(incident: StoredIncident): Incident {
  const iso = (ms?: number) =>
    ms === undefined ? undefined : new Date(ms).toISOString();
  return {
    id: incident.id,
    pipelineId: incident.pipelineId,
    slo: incident.slo,
    startedAt: iso(incident.startedAt)!,
    notifiedAt: iso(incident.notifiedAt),
    resolvedAt: iso(incident.resolvedAt),
    worstValue: incident.worstValue,
    target: incident.target,
    notified: incident.notifiedRecipients
      ? { recipients: incident.notifiedRecipients, tier: incident.notifiedTier }
      : undefined,
  };
}

/**
 * Turns SLO results into incidents and notifications, after every poll.
 *
 * - A `breach` opens an incident (startedAt: that poll) or continues the open one.
 * - After `breachForMs` since startedAt, on a poll that still measures a breach, the owner
 *   is notified once. The claim is a conditional UPDATE, so with several replicas calling
 *   this for the same poll exactly one of them sends.
 * - Any other status with a value starts the recovery clock; a breach stops it again, so a
 *   flapping SLO stays one incident. After `breachForMs` out of breach the incident is
 *   resolved (resolvedAt: the first poll out of breach) and, if the owner was notified,
 *   a resolved notice follows: again exactly one replica wins the resolve.
 * - `no-data` changes nothing: an unreadable source is neither a breach nor a recovery.
 * - Alerting disabled: incidents are recorded all the same, nothing is sent.
 */
export class BreachAlerter {
  private readonly incidents: IncidentStore;
  private readonly notifications: Pick<NotificationService, 'send'>;
  private readonly escalation: EscalationLookup;
  private readonly alerting: AlertingConfig;
  private readonly logger: LoggerService;

  constructor(options: BreachAlerterOptions) {
    this.incidents = options.incidents;
    this.notifications = options.notifications;
    this.escalation = options.escalation;
    this.alerting = options.alerting;
    this.logger = options.logger;
  }

  async evaluate(
    pipeline: PipelineConfig,
    slos: SloResult[],
    now: number,
  ): Promise<AlertTransition[]> {
    const transitions: AlertTransition[] = [];
    for (const slo of slos) {
      if (slo.status === 'breach') {
        await this.onBreach(pipeline, slo, now, transitions);
      } else if (slo.status !== 'no-data') {
        await this.onOutOfBreach(pipeline, slo, now, transitions);
      }
    }
    return transitions;
  }

  private async onBreach(
    pipeline: PipelineConfig,
    slo: SloResult,
    now: number,
    transitions: AlertTransition[],
  ) {
    let incident = await this.incidents.findOpen(pipeline.id, slo.objective);
    if (!incident) {
      incident = await this.incidents.open({
        pipelineId: pipeline.id,
        slo: slo.objective,
        at: now,
        value: slo.value,
        target: slo.target,
      });
      if (incident.startedAt === now) {
        transitions.push({ type: 'opened', incident });
        this.logger.info('Pipeline SLO in breach; incident opened', {
          pipelineId: pipeline.id,
          slo: slo.objective,
          incidentId: incident.id,
          value: slo.value,
          target: slo.target,
        });
      }
    }
    await this.incidents.recordBreach(incident.id, now, slo.value);
    if (
      !this.alerting.enabled ||
      incident.notifiedAt !== undefined ||
      now - incident.startedAt < this.alerting.breachForMs
    ) {
      return;
    }
    const { escalation, answered } = await this.escalation.lookUp(pipeline);
    if (
      !answered &&
      now - incident.startedAt < this.alerting.breachForMs + ESCALATION_WAIT_MS
    ) {
      // Right after a start the ownership backend may not know the owner yet: a notice
      // naming no tier would be final, so wait a bounded time for the answer.
      return;
    }
    const tier = escalation ? tierLabel(escalation) : undefined;
    if (
      !(await this.incidents.claimNotification(incident.id, now, {
        recipients: pipeline.owner,
        tier,
      }))
    ) {
      return; // another replica sends it
    }
    const worst = Math.max(
      incident.worstValue ?? -Infinity,
      slo.value ?? -Infinity,
    );
    const current: StoredIncident = {
      ...incident,
      worstValue: Number.isFinite(worst) ? worst : undefined,
      notifiedAt: now,
      notifiedRecipients: pipeline.owner,
      notifiedTier: tier,
    };
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: pipeline.owner },
        payload: breachNotification({
          pipeline,
          incident: current,
          value: slo.value,
          escalation,
          escalationUnknown: !answered,
        }),
      });
    } catch (error) {
      // Give the claim back so that the next poll (on any replica) tries again.
      await this.incidents.releaseNotification(incident.id, now);
      this.logger.error('Could not send the pipeline breach notification', {
        pipelineId: pipeline.id,
        slo: slo.objective,
        incidentId: incident.id,
        error: stringifyError(error),
      });
      return;
    }
    transitions.push({ type: 'notified', incident: current });
    this.logger.info('Pipeline breach notified', {
      pipelineId: pipeline.id,
      slo: slo.objective,
      incidentId: incident.id,
      recipients: pipeline.owner,
      tier: tier ?? 'none',
    });
  }

  private async onOutOfBreach(
    pipeline: PipelineConfig,
    slo: SloResult,
    now: number,
    transitions: AlertTransition[],
  ) {
    const incident = await this.incidents.findOpen(pipeline.id, slo.objective);
    if (!incident) {
      return;
    }
    if (incident.recoveringSince === undefined) {
      await this.incidents.recordRecovering(incident.id, now);
      return;
    }
    if (now - incident.recoveringSince < this.alerting.breachForMs) {
      return;
    }
    const resolvedAt = incident.recoveringSince;
    if (!(await this.incidents.resolve(incident.id, resolvedAt))) {
      return; // another replica resolved it
    }
    const resolved = { ...incident, resolvedAt };
    transitions.push({ type: 'resolved', incident: resolved });
    this.logger.info('Pipeline SLO recovered; incident resolved', {
      pipelineId: pipeline.id,
      slo: slo.objective,
      incidentId: incident.id,
    });
    // Only an owner who was told about the breach hears about its end; nothing is sent
    // for a breach that recovered before it was confirmed.
    if (!this.alerting.enabled || incident.notifiedAt === undefined) {
      return;
    }
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: pipeline.owner },
        payload: resolvedNotification({
          pipeline,
          incident: resolved,
          resolvedAt,
          value: slo.value,
        }),
      });
    } catch (error) {
      this.logger.error('Could not send the pipeline recovery notice', {
        pipelineId: pipeline.id,
        slo: slo.objective,
        incidentId: incident.id,
        error: stringifyError(error),
      });
    }
  }
}

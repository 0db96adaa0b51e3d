import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type {
  PipelineEscalation,
  SloKind,
  SloResult,
  SloStatus,
} from '@plinth/plugin-pipeline-health-common';
import { SLO_DEFINITIONS } from '@plinth/plugin-pipeline-health-common';
import type { PipelineConfig } from '../../../config';
import type { EscalationLookup } from '../../escalation';

/** Keeps what would have been sent: the alerter's only output besides its rows. */
export class RecordingNotifications {
  readonly sent: NotificationSendOptions[] = [];
  failNext = 0;

  async send(options: NotificationSendOptions): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('notifications backend unavailable');
    }
    this.sent.push(options);
  }
}

export const ESCALATION: PipelineEscalation = {
  policyRef: 'escalationpolicy:default/data-platform',
  tier: {
    level: 1,
    name: 'On-call engineer',
    contacts: [
      {
        name: 'Data on-call',
        chat: '#data-oncall',
        pager: 'pagerduty:PDATA1',
        phone: '+4930123456',
      },
    ],
    hours: { type: '24x7' },
    responseMinutes: { 'tier-1': 15 },
  },
};

export class FixedEscalation implements EscalationLookup {
  calls = 0;
  /** False: the lookup says the ownership backend did not answer. */
  answered = true;
  constructor(private readonly escalation?: PipelineEscalation) {}
  async firstTier() {
    return (await this.lookUp()).escalation;
  }
  async lookUp() {
    this.calls++;
    return this.answered
      ? { escalation: this.escalation, answered: true }
      : { answered: false };
  }
}

export const PIPELINE: PipelineConfig = {
  id: 'event-ingestion',
  title: 'Event ingestion',
  owner: 'group:default/data-platform',
  cluster: 'local',
  consumerGroups: ['ingester'],
  topics: ['events'],
  slo: {
    ingestionP99: 100,
    queryP99: 1_000,
    freshness: 60_000,
    consumerLag: 300_000,
    deadLetterRatio: 0.01,
  },
};

/** An SLO result as the poll would produce it. */
export function slo(
  kind: SloKind,
  status: SloStatus,
  value?: number,
  target = PIPELINE.slo[kind],
): SloResult {
  return {
    objective: kind,
    unit: SLO_DEFINITIONS[kind].unit,
    target,
    status,
    value: status === 'no-data' ? undefined : value,
    window: {
      from: '2026-11-30T11:55:00.000Z',
      to: '2026-11-30T12:00:00.000Z',
    },
  };
}

import { mockServices } from '@backstage/backend-test-utils';
import type { SloResult } from '@plinth/plugin-pipeline-health-common';
import {
  sqliteDatabase,
  type TestDatabase,
} from '../history/__testUtils__/testDatabases';
import {
  ESCALATION,
  FixedEscalation,
  PIPELINE,
  RecordingNotifications,
  slo,
} from './__testUtils__/fakes';
import { BreachAlerter, ESCALATION_WAIT_MS, toIncident } from './BreachAlerter';
import { KnexIncidentStore } from './KnexIncidentStore';

const POLL = 5_000;
const BREACH_FOR = 120_000;
const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);

describe('BreachAlerter', () => {
  let db: TestDatabase;
  let incidents: KnexIncidentStore;
  let notifications: RecordingNotifications;
  let now: number;

  beforeEach(async () => {
    db = await sqliteDatabase();
    incidents = new KnexIncidentStore(db.primary);
    notifications = new RecordingNotifications();
    now = T0;
  });
  afterEach(async () => {
    await db.close();
  });

  function alerter(
    options: { enabled?: boolean; escalation?: FixedEscalation } = {},
  ) {
    return new BreachAlerter({
      incidents,
      notifications,
      escalation: options.escalation ?? new FixedEscalation(ESCALATION),
      alerting: { enabled: options.enabled ?? true, breachForMs: BREACH_FOR },
      logger: mockServices.logger.mock(),
    });
  }

  /** Polls every 5 s for `durationMs`, each poll measuring `results(i)`; the clock moves. */
  async function poll(
    subject: BreachAlerter,
    durationMs: number,
    results: (i: number) => SloResult[],
  ) {
    for (let i = 0; i * POLL < durationMs; i++) {
      await subject.evaluate(PIPELINE, results(i), now);
      now += POLL;
    }
  }

  const breach = (value = 142) => [slo('ingestionP99', 'breach', value)];
  const ok = (value = 40) => [slo('ingestionP99', 'ok', value)];

  it('opens an incident at the first breach and notifies nobody yet', async () => {
    const subject = alerter();
    await poll(subject, BREACH_FOR, () => breach());
    expect(notifications.sent).toEqual([]);
    const [incident] = await incidents.openIncidents(PIPELINE.id);
    expect(incident).toMatchObject({
      slo: 'ingestionP99',
      startedAt: T0,
      target: 100,
      notifiedAt: undefined,
    });
  });

  it('notifies the owner once when the SLO has stayed in breach for breachFor', async () => {
    const subject = alerter();
    await poll(subject, 10 * BREACH_FOR, () => breach());
    expect(notifications.sent).toHaveLength(1);
    const [incident] = await incidents.openIncidents(PIPELINE.id);
    expect(incident.notifiedAt).toBe(T0 + BREACH_FOR);
    expect(toIncident(incident).notified).toEqual({
      recipients: 'group:default/data-platform',
      tier: '1. On-call engineer (escalationpolicy:default/data-platform)',
    });
  });

  it('waits a bounded time for the ownership backend to name the tier, then notifies with it', async () => {
    const escalation = new FixedEscalation(ESCALATION);
    escalation.answered = false;
    const subject = alerter({ escalation });
    await poll(subject, BREACH_FOR + ESCALATION_WAIT_MS / 2, () => breach());
    expect(notifications.sent).toEqual([]);

    escalation.answered = true;
    await poll(subject, POLL, () => breach());
    expect(notifications.sent).toHaveLength(1);
    const [incident] = await incidents.openIncidents(PIPELINE.id);
    expect(toIncident(incident).notified?.tier).toBe(
      '1. On-call engineer (escalationpolicy:default/data-platform)',
    );
  });

  it('notifies without a tier, saying so, when the ownership backend never answers', async () => {
    const escalation = new FixedEscalation(ESCALATION);
    escalation.answered = false;
    const subject = alerter({ escalation });
    await poll(subject, BREACH_FOR + ESCALATION_WAIT_MS + 2 * POLL, () =>
      breach(),
    );
    expect(notifications.sent).toHaveLength(1);
    const [incident] = await incidents.openIncidents(PIPELINE.id);
    expect(incident.notifiedAt).toBe(T0 + BREACH_FOR + ESCALATION_WAIT_MS);
    expect(notifications.sent[0].payload.description).toMatch(
      /escalation policy of group:default\/data-platform could not be read/,
    );
  });

  it('names the pipeline, the value, the objective, the first tier and its contacts in channel order', async () => {
    await poll(alerter(), BREACH_FOR + POLL, () => breach());
    expect(notifications.sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: 'group:default/data-platform',
        },
        payload: {
          title:
            'Pipeline Event ingestion: ingestion latency P99 in breach (142 ms, objective < 100 ms)',
          description:
            'In breach since 2026-11-30T12:00:00.000Z; worst 142 ms. First escalation tier: 1. On-call engineer (escalationpolicy:default/data-platform) — Data on-call: pager pagerduty:PDATA1, phone +4930123456, chat #data-oncall.',
          link: '/pipelines/event-ingestion',
          severity: 'high',
          topic: 'pipeline-health:event-ingestion:ingestionP99',
          scope: expect.stringMatching(
            /^pipeline-health:incident:[0-9a-f-]{36}:breach$/,
          ),
        },
      },
    ]);
  });

  it('says how to fix a missing escalation policy instead of naming a tier', async () => {
    await poll(
      alerter({ escalation: new FixedEscalation(undefined) }),
      BREACH_FOR + POLL,
      () => breach(),
    );
    expect(notifications.sent[0].payload.description).toBe(
      'In breach since 2026-11-30T12:00:00.000Z; worst 142 ms. No escalation policy found for group:default/data-platform; ask them to add one (see the Ownership page).',
    );
  });

  it('keeps a flapping SLO as one incident with one notification', async () => {
    const subject = alerter();
    // 20 minutes: 30 s in breach, 30 s ok, over and over; every ok spell is shorter
    // than breachFor, so the incident never resolves.
    await poll(subject, 20 * 60_000, i =>
      Math.floor(i / 6) % 2 === 0 ? breach() : ok(),
    );
    expect(notifications.sent).toHaveLength(1);
    expect(
      await incidents.listIncidents(PIPELINE.id, { since: 0 }),
    ).toHaveLength(1);
  });

  it('resolves after breachFor out of breach and sends one resolved notice', async () => {
    const subject = alerter();
    await poll(subject, BREACH_FOR + POLL, () => breach(180));
    const recoveredAt = now;
    await poll(subject, 3 * BREACH_FOR, () => ok(64));
    expect(notifications.sent.map(n => n.payload.severity)).toEqual([
      'high',
      'normal',
    ]);
    const resolved = notifications.sent[1];
    expect(resolved.recipients).toEqual({
      type: 'entity',
      entityRef: 'group:default/data-platform',
    });
    expect(resolved.payload).toMatchObject({
      title:
        'Pipeline Event ingestion: ingestion latency P99 recovered (64 ms, objective < 100 ms)',
      description: `In breach from 2026-11-30T12:00:00.000Z to ${new Date(
        recoveredAt,
      ).toISOString()} (2.1 min); worst 180 ms.`,
      link: '/pipelines/event-ingestion',
      topic: 'pipeline-health:event-ingestion:ingestionP99',
      scope: expect.stringMatching(/:resolved$/),
    });
    expect(await incidents.openIncidents(PIPELINE.id)).toEqual([]);
    const [incident] = await incidents.listIncidents(PIPELINE.id, {
      since: 0,
    });
    expect(incident.resolvedAt).toBe(recoveredAt);
  });

  it('does not resolve before breachFor has passed out of breach', async () => {
    const subject = alerter();
    await poll(subject, BREACH_FOR + POLL, () => breach());
    await poll(subject, BREACH_FOR, () => ok());
    expect(notifications.sent).toHaveLength(1);
    expect(await incidents.openIncidents(PIPELINE.id)).toHaveLength(1);
  });

  it('opens a new incident and notifies again for a breach after the recovery', async () => {
    const subject = alerter();
    await poll(subject, BREACH_FOR + POLL, () => breach());
    await poll(subject, BREACH_FOR + POLL, () => ok());
    await poll(subject, BREACH_FOR + POLL, () => breach());
    expect(notifications.sent.map(n => n.payload.severity)).toEqual([
      'high',
      'normal',
      'high',
    ]);
    expect(
      await incidents.listIncidents(PIPELINE.id, { since: 0 }),
    ).toHaveLength(2);
  });

  it('records a breach that recovers before breachFor without telling anyone', async () => {
    const subject = alerter();
    await poll(subject, 30_000, () => breach(300));
    await poll(subject, BREACH_FOR + POLL, () => ok());
    expect(notifications.sent).toEqual([]);
    const [incident] = await incidents.listIncidents(PIPELINE.id, {
      since: 0,
    });
    expect(incident).toMatchObject({
      worstValue: 300,
      notifiedAt: undefined,
      resolvedAt: T0 + 30_000,
    });
  });

  it('records the worst value measured during the incident', async () => {
    const values = [120, 180, 450, 130, 200];
    await poll(alerter(), values.length * POLL, i => breach(values[i]));
    const [incident] = await incidents.openIncidents(PIPELINE.id);
    expect(incident.worstValue).toBe(450);
  });

  it('treats no data as neither breach nor recovery', async () => {
    const subject = alerter();
    await poll(subject, 30_000, () => breach());
    await poll(subject, 3 * BREACH_FOR, () => [slo('ingestionP99', 'no-data')]);
    expect(await incidents.openIncidents(PIPELINE.id)).toHaveLength(1);
    // Not notified either: the breach was not measured for breachFor.
    expect(notifications.sent).toEqual([]);
  });

  it('records incidents but sends nothing when alerting is disabled', async () => {
    const escalation = new FixedEscalation(ESCALATION);
    const subject = alerter({ enabled: false, escalation });
    await poll(subject, 3 * BREACH_FOR, () => breach());
    await poll(subject, 3 * BREACH_FOR, () => ok());
    expect(notifications.sent).toEqual([]);
    expect(escalation.calls).toBe(0);
    const [incident] = await incidents.listIncidents(PIPELINE.id, {
      since: 0,
    });
    expect(incident).toMatchObject({
      startedAt: T0,
      notifiedAt: undefined,
      resolvedAt: T0 + 3 * BREACH_FOR,
    });
  });

  it('tries again on the next poll when sending failed', async () => {
    const subject = alerter();
    notifications.failNext = 1;
    await poll(subject, BREACH_FOR + 2 * POLL, () => breach());
    expect(notifications.sent).toHaveLength(1);
    const [incident] = await incidents.openIncidents(PIPELINE.id);
    expect(incident.notifiedAt).toBe(T0 + BREACH_FOR + POLL);
  });

  it('tracks each SLO of a pipeline as its own incident', async () => {
    const subject = alerter();
    await poll(subject, BREACH_FOR + POLL, () => [
      slo('ingestionP99', 'breach', 142),
      slo('freshness', 'breach', 90_000),
      slo('deadLetterRatio', 'breach', 0.023),
      slo('queryP99', 'ok', 200),
    ]);
    expect(notifications.sent.map(n => n.payload.title)).toEqual([
      'Pipeline Event ingestion: ingestion latency P99 in breach (142 ms, objective < 100 ms)',
      'Pipeline Event ingestion: freshness in breach (1.5 min, objective < 1 min)',
      'Pipeline Event ingestion: dead letters in breach (2.3 %, objective < 1 %)',
    ]);
  });
});

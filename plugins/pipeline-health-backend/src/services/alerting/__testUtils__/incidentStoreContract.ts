// A shared contract: the SQLite unit test and the PostgreSQL integration test both run it.
/* eslint-disable jest/no-export */
import { mockServices } from '@backstage/backend-test-utils';
import type { TestDatabase } from '../../history/__testUtils__/testDatabases';
import { BreachAlerter } from '../BreachAlerter';
import { KnexIncidentStore } from '../KnexIncidentStore';
import {
  ESCALATION,
  FixedEscalation,
  PIPELINE,
  RecordingNotifications,
  slo,
} from './fakes';

const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const BREACH_FOR = 120_000;

/**
 * What every engine must guarantee for incidents (SQLite in unit tests, PostgreSQL in the
 * integration test): one open incident per SLO and exactly one winner of each claim, with
 * two replicas' clients on one database.
 */
export function incidentStoreContract(
  newDatabase: () => Promise<TestDatabase>,
) {
  let db: TestDatabase;
  let store: KnexIncidentStore;
  let replica: KnexIncidentStore;

  beforeEach(async () => {
    db = await newDatabase();
    store = new KnexIncidentStore(db.primary);
    replica = new KnexIncidentStore(db.replica);
  });
  afterEach(async () => {
    await db.close();
  });

  const openOne = (s: KnexIncidentStore, at = NOW, value = 150) =>
    s.open({
      pipelineId: 'events',
      slo: 'ingestionP99',
      at,
      value,
      target: 100,
    });

  it('opens one incident per SLO when two replicas open it at once', async () => {
    const [a, b] = await Promise.all([
      openOne(store, NOW, 150),
      openOne(replica, NOW + 1, 160),
    ]);
    expect(a.id).toBe(b.id);
    expect(await store.openIncidents('events')).toHaveLength(1);
  });

  it('lets exactly one of two racing replicas claim the notification', async () => {
    const incident = await openOne(store);
    const claims = await Promise.all([
      store.claimNotification(incident.id, NOW + BREACH_FOR, {
        recipients: 'group:default/data-platform',
      }),
      replica.claimNotification(incident.id, NOW + BREACH_FOR + 1, {
        recipients: 'group:default/data-platform',
      }),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    const [stored] = await store.openIncidents('events');
    expect([NOW + BREACH_FOR, NOW + BREACH_FOR + 1]).toContain(
      stored.notifiedAt,
    );
  });

  it('lets exactly one of two racing replicas resolve an incident', async () => {
    const incident = await openOne(store);
    await store.recordRecovering(incident.id, NOW + 10_000);
    const resolved = await Promise.all([
      store.resolve(incident.id, NOW + 10_000),
      replica.resolve(incident.id, NOW + 10_000),
    ]);
    expect(resolved.filter(Boolean)).toHaveLength(1);
    expect(await store.openIncidents('events')).toEqual([]);
  });

  it('does not resolve an incident whose recovery a new breach interrupted', async () => {
    const incident = await openOne(store);
    await store.recordRecovering(incident.id, NOW + 10_000);
    await replica.recordBreach(incident.id, NOW + 15_000, 130);
    expect(await store.resolve(incident.id, NOW + 10_000)).toBe(false);
    expect(await store.openIncidents('events')).toHaveLength(1);
  });

  it('keeps the worst value whichever replica writes last', async () => {
    const incident = await openOne(store, NOW, 150);
    await Promise.all([
      store.recordBreach(incident.id, NOW + 5_000, 400),
      replica.recordBreach(incident.id, NOW + 5_001, 200),
    ]);
    await store.recordBreach(incident.id, NOW + 10_000, 120);
    const [stored] = await store.openIncidents('events');
    expect(stored.worstValue).toBe(400);
    expect(stored.lastBreachAt).toBe(NOW + 10_000);
  });

  it('lists incidents newest first, resolved ones since the given time', async () => {
    const first = await openOne(store, NOW - 3_600_000);
    await store.recordRecovering(first.id, NOW - 3_000_000);
    await store.resolve(first.id, NOW - 3_000_000);
    const second = await openOne(store, NOW - 600_000);
    await store.recordRecovering(second.id, NOW - 500_000);
    await store.resolve(second.id, NOW - 500_000);
    const third = await openOne(store, NOW);

    const all = await store.listIncidents('events', {
      since: NOW - 7_200_000,
    });
    expect(all.map(i => i.id)).toEqual([third.id, second.id, first.id]);
    const recent = await store.listIncidents('events', {
      since: NOW - 1_800_000,
    });
    expect(recent.map(i => i.id)).toEqual([third.id, second.id]);
    expect(await store.openIncidents('events')).toEqual([
      expect.objectContaining({ id: third.id, startedAt: NOW }),
    ]);
    expect(await store.listIncidents('other', { since: 0 })).toEqual([]);
  });

  it('sends one notification when two replicas evaluate the same breach at once', async () => {
    const notifications = new RecordingNotifications();
    const alerter = (incidents: KnexIncidentStore) =>
      new BreachAlerter({
        incidents,
        notifications,
        escalation: new FixedEscalation(ESCALATION),
        alerting: { enabled: true, breachForMs: BREACH_FOR },
        logger: mockServices.logger.mock(),
      });
    const a = alerter(store);
    const b = alerter(replica);
    const breach = [slo('ingestionP99', 'breach', 142)];
    await Promise.all([
      a.evaluate(PIPELINE, breach, NOW),
      b.evaluate(PIPELINE, breach, NOW + 300),
    ]);
    for (let at = NOW + 5_000; at <= NOW + BREACH_FOR + 10_000; at += 5_000) {
      await Promise.all([
        a.evaluate(PIPELINE, breach, at),
        b.evaluate(PIPELINE, breach, at + 300),
      ]);
    }
    expect(notifications.sent).toHaveLength(1);

    const ok = [slo('ingestionP99', 'ok', 40)];
    const recoveredAt = NOW + BREACH_FOR + 15_000;
    for (
      let at = recoveredAt;
      at <= recoveredAt + BREACH_FOR + 10_000;
      at += 5_000
    ) {
      await Promise.all([
        a.evaluate(PIPELINE, ok, at),
        b.evaluate(PIPELINE, ok, at + 300),
      ]);
    }
    expect(notifications.sent.map(n => n.payload.severity)).toEqual([
      'high',
      'normal',
    ]);
  });
}

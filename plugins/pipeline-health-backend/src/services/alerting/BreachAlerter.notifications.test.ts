import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { notificationService } from '@backstage/plugin-notifications-node';
import request from 'supertest';
import { connectDatabase } from '../history';
import {
  ESCALATION,
  FixedEscalation,
  PIPELINE,
  slo,
} from './__testUtils__/fakes';
import { BreachAlerter } from './BreachAlerter';
import { KnexIncidentStore } from './KnexIncidentStore';

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);
const POLL = 5_000;
const BREACH_FOR = 60_000;

/** The owning group and its members, as the catalog would hold them after processing. */
const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'data-platform', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [
      { type: 'hasMember', targetRef: 'user:default/jane' },
      { type: 'hasMember', targetRef: 'user:default/omar' },
    ],
  },
  ...['jane', 'omar', 'outsider'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: {},
  })),
];

type Listed = {
  totalCount: number;
  notifications: Array<{
    user: string;
    origin: string;
    payload: {
      title: string;
      description?: string;
      link?: string;
      severity: string;
      topic?: string;
    };
  }>;
};

describe('BreachAlerter with the real notifications backend', () => {
  let alerter: BreachAlerter;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    // Stands in for the pipeline-health plugin: the same plugin id, the alerter built from
    // the services the real wiring uses (its database, the notification service).
    const alertingUnderTest = createBackendPlugin({
      pluginId: 'pipeline-health',
      register(env) {
        env.registerInit({
          deps: {
            database: coreServices.database,
            logger: coreServices.logger,
            notifications: notificationService,
          },
          async init({ database, logger, notifications }) {
            alerter = new BreachAlerter({
              incidents: new KnexIncidentStore(await connectDatabase(database)),
              notifications,
              escalation: new FixedEscalation(ESCALATION),
              alerting: { enabled: true, breachForMs: BREACH_FOR },
              logger,
            });
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        notificationsPlugin,
        alertingUnderTest,
        catalogServiceMock.factory({ entities: ENTITIES }),
        // The notifications backend builds absolute links from app.baseUrl.
        mockServices.rootConfig.factory({
          data: { app: { baseUrl: 'http://localhost:3000' } },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
  });

  const notificationsOf = async (user: string) => {
    const res = await request(server)
      .get('/api/notifications/notifications')
      .set('Authorization', mockCredentials.user.header(user));
    expect(res.status).toBe(200);
    return res.body as Listed;
  };

  it("delivers one breach notification and one resolved notice to each of the owner's members", async () => {
    let now = T0;
    // Three minutes in breach (notified after one), then three minutes ok (resolved after
    // one): every poll of a real backend, compressed into explicit times.
    for (; now < T0 + 3 * 60_000; now += POLL) {
      await alerter.evaluate(
        PIPELINE,
        [slo('ingestionP99', 'breach', 142)],
        now,
      );
    }
    for (; now < T0 + 6 * 60_000; now += POLL) {
      await alerter.evaluate(PIPELINE, [slo('ingestionP99', 'ok', 40)], now);
    }

    for (const user of ['user:default/jane', 'user:default/omar']) {
      const listed = await notificationsOf(user);
      expect(listed.totalCount).toBe(2);
      const byTitle = [...listed.notifications].sort((a, b) =>
        a.payload.title.localeCompare(b.payload.title),
      );
      expect(byTitle).toEqual([
        expect.objectContaining({
          user,
          origin: 'plugin:pipeline-health',
          payload: expect.objectContaining({
            title:
              'Pipeline Event ingestion: ingestion latency P99 in breach (142 ms, objective < 100 ms)',
            description: expect.stringContaining(
              'First escalation tier: 1. On-call engineer (escalationpolicy:default/data-platform) — Data on-call: pager pagerduty:PDATA1',
            ),
            link: '/pipelines/event-ingestion',
            severity: 'high',
            topic: 'pipeline-health:event-ingestion:ingestionP99',
          }),
        }),
        expect.objectContaining({
          user,
          payload: expect.objectContaining({
            title:
              'Pipeline Event ingestion: ingestion latency P99 recovered (40 ms, objective < 100 ms)',
            severity: 'normal',
            topic: 'pipeline-health:event-ingestion:ingestionP99',
          }),
        }),
      ]);
    }
    expect((await notificationsOf('user:default/outsider')).totalCount).toBe(0);
  });
});

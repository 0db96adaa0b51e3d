import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { OwnershipMatrixRow } from '@plinth/plugin-ownership-common';
import express from 'express';
import {
  OwnershipEscalationLookup,
  createOwnershipSource,
} from './OwnershipEscalationLookup';

const ROW: OwnershipMatrixRow = {
  entityRef: 'component:default/event-pipeline',
  kind: 'Component',
  name: 'event-pipeline',
  ownerRef: 'group:default/data-platform',
  policyRef: 'escalationpolicy:default/data-platform',
  policySource: 'owner-group',
  tiers: [
    {
      level: 1,
      name: 'On-call engineer',
      contacts: [{ name: 'Data on-call', pager: 'pagerduty:PDATA1' }],
      hours: { type: '24x7' },
      responseMinutes: { 'tier-1': 15 },
    },
  ],
  findings: [],
};

describe('createOwnershipSource', () => {
  it("calls the ownership plugin's route through discovery with pipeline-health's own service token", async () => {
    const seen: Array<{ path: string; subject: string }> = [];
    // The route shape of plugins/ownership-backend's spec (GET /v1/entities/{kind}/{ns}/{name}),
    // behind the real auth stack of the test backend: only a service token gets through.
    const ownershipStandIn = createBackendPlugin({
      pluginId: 'ownership',
      register(env) {
        env.registerInit({
          deps: {
            httpRouter: coreServices.httpRouter,
            httpAuth: coreServices.httpAuth,
          },
          async init({ httpRouter, httpAuth }) {
            const router = express.Router();
            router.get(
              '/v1/entities/:kind/:namespace/:name',
              async (req, res) => {
                const credentials = await httpAuth.credentials(req, {
                  allow: ['service'],
                });
                seen.push({
                  path: req.path,
                  subject: credentials.principal.subject,
                });
                res.json({ row: ROW, findings: [] });
              },
            );
            httpRouter.use(router);
          },
        });
      },
    });
    let lookup: OwnershipEscalationLookup | undefined;
    const pipelineHealth = createBackendPlugin({
      pluginId: 'pipeline-health',
      register(env) {
        env.registerInit({
          deps: {
            auth: coreServices.auth,
            discovery: coreServices.discovery,
            logger: coreServices.logger,
          },
          async init({ auth, discovery, logger }) {
            lookup = new OwnershipEscalationLookup({
              source: createOwnershipSource({ auth, discovery }),
              logger,
            });
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        ownershipStandIn,
        pipelineHealth,
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    try {
      const escalation = await lookup!.firstTier({
        id: 'event-ingestion',
        owner: 'group:default/data-platform',
        entityRef: 'component:default/event-pipeline',
      });
      expect(escalation).toEqual({
        policyRef: 'escalationpolicy:default/data-platform',
        tier: ROW.tiers[0],
      });
      expect(seen).toEqual([
        {
          path: '/v1/entities/component/default/event-pipeline',
          subject: 'plugin:pipeline-health',
        },
      ]);
    } finally {
      await backend.stop();
    }
  });
});

import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import {
  billingRow,
  FakeOwnershipApi,
  testAppOptions,
  userServiceRow,
} from '../../testing';
import { OwnershipClient } from '@plinth/plugin-ownership-common';
import { WhoToCallCard } from './WhoToCallCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'user-service', namespace: 'default' },
  spec: { owner: 'group:default/identity' },
};

const renderCard = (api: FakeOwnershipApi) =>
  renderInTestApp(
    <EntityProvider entity={entity}>
      <WhoToCallCard />
    </EntityProvider>,
    testAppOptions(api),
  );

/** A real 404 ResponseError, as the client throws it. */
const notFound = () =>
  new OwnershipClient({
    discoveryApi: { getBaseUrl: async () => 'http://test/api/ownership' },
    fetchApi: {
      // The problem+json answer the backend sends.
      fetch: async () =>
        new Response(
          JSON.stringify({
            type: 'about:blank',
            title: 'Not Found',
            status: 404,
            detail: 'unknown entity',
            instance: '/api/ownership/v1/coverage',
            error: { name: 'NotFoundError', message: 'unknown entity' },
            request: { method: 'GET', url: '/v1/coverage' },
            response: { statusCode: 404 },
          }),
          {
            status: 404,
            headers: { 'content-type': 'application/problem+json' },
          },
        ),
    },
  })
    .getCoverage()
    .catch(e => e);

describe('WhoToCallCard', () => {
  it('asks for the escalation of the entity on the page', async () => {
    const api = new FakeOwnershipApi();
    renderCard(api);

    await screen.findByText('1. On-call engineer');
    expect(api.getEntityEscalation).toHaveBeenCalledWith(
      'component:default/user-service',
    );
  });

  it('lists the tiers in calling order with their hours and response target', async () => {
    renderCard(new FakeOwnershipApi());

    const ladder = await screen.findByRole('list', {
      name: 'Escalation tiers in calling order',
    });
    const steps = within(ladder).getAllByRole('listitem');
    expect(steps[0]).toHaveTextContent('1. On-call engineer');
    expect(steps[0]).toHaveTextContent('24x7');
    expect(steps[0]).toHaveTextContent('responds within 15 min');
    expect(steps[1]).toHaveTextContent('2. Team lead');
    expect(steps[1]).toHaveTextContent('Mon–Fri 09:00–17:00 (Europe/Berlin)');
  });

  it('links email and phone contacts and shows pager and chat handles', async () => {
    renderCard(new FakeOwnershipApi());

    expect(
      await screen.findByRole('link', { name: 'identity-oncall@example.com' }),
    ).toHaveAttribute('href', 'mailto:identity-oncall@example.com');
    expect(screen.getByRole('link', { name: '+49 30 123456' })).toHaveAttribute(
      'href',
      'tel:+4930123456',
    );
    expect(screen.getByText('pagerduty:PIDENT1')).toBeInTheDocument();
    expect(screen.getByText('#identity-oncall')).toBeInTheDocument();
  });

  it('shows gaps as red alerts', async () => {
    const api = new FakeOwnershipApi();
    api.getEntityEscalation.mockResolvedValue({
      row: userServiceRow,
      findings: [
        {
          type: 'tier1-first-tier-not-24x7',
          severity: 'error',
          entityRef: userServiceRow.entityRef,
          message: 'The first tier of a tier-1 service is not reachable 24x7.',
        },
      ],
    });
    renderCard(api);

    const gap = await screen.findByRole('alert');
    expect(gap).toHaveTextContent('not reachable 24x7');
    expect(gap.className).toMatch(/MuiAlert-filledError/);
  });

  it('marks a tier without a contact or a response target for this service tier', async () => {
    const api = new FakeOwnershipApi();
    api.getEntityEscalation.mockResolvedValue({
      row: {
        ...userServiceRow,
        tiers: [
          {
            level: 1,
            name: 'Nobody yet',
            contacts: [],
            hours: { type: '24x7' },
            responseMinutes: { 'tier-3': 240 },
          },
        ],
      },
      findings: [],
    });
    renderCard(api);

    expect(
      await screen.findByText('No contact on this tier'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('no response target for tier-1'),
    ).toBeInTheDocument();
  });

  it('explains how to add a policy when none covers the entity', async () => {
    const api = new FakeOwnershipApi();
    api.getEntityEscalation.mockResolvedValue({
      row: billingRow,
      findings: [],
    });
    renderCard(api);

    expect(
      await screen.findByText('No escalation policy covers this entity'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/plinth.dev\/escalation-policy/),
    ).toBeInTheDocument();
  });

  it('says the entity is not in the snapshot yet when the backend answers 404', async () => {
    const api = new FakeOwnershipApi();
    api.getEntityEscalation.mockRejectedValue(await notFound());
    renderCard(api);

    expect(
      await screen.findByText('Not in the ownership snapshot yet'),
    ).toBeInTheDocument();
    // The backend's default refresh interval, not a vague "every few minutes".
    expect(
      screen.getByText(/recomputed from the catalog every 30 seconds\./),
    ).toBeInTheDocument();
  });

  it('says how often the snapshot refreshes as configured for the backend', async () => {
    const api = new FakeOwnershipApi();
    api.getEntityEscalation.mockRejectedValue(await notFound());
    renderInTestApp(
      <EntityProvider entity={entity}>
        <WhoToCallCard />
      </EntityProvider>,
      {
        ...testAppOptions(api),
        config: { ownership: { refreshIntervalSeconds: 120 } },
      },
    );

    expect(
      await screen.findByText(/recomputed from the catalog every 2 minutes\./),
    ).toBeInTheDocument();
  });

  it('shows other backend errors', async () => {
    const api = new FakeOwnershipApi();
    api.getEntityEscalation.mockRejectedValue(new Error('connection refused'));
    renderCard(api);

    expect(
      (await screen.findAllByText(/connection refused/)).length,
    ).toBeGreaterThan(0);
  });
});

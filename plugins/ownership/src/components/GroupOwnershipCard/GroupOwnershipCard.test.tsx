import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { OwnershipClient } from '@plinth/plugin-ownership-common';
import { billingRow, FakeOwnershipApi, testAppOptions } from '../../testing';
import { rootRouteRef } from '../../routes';
import { GroupOwnershipCard } from './GroupOwnershipCard';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const renderCard = (api: FakeOwnershipApi) => {
  const options = testAppOptions(api);
  return renderInTestApp(
    <EntityProvider entity={group}>
      <GroupOwnershipCard />
    </EntityProvider>,
    {
      ...options,
      mountedRoutes: { ...options.mountedRoutes, '/ownership': rootRouteRef },
    },
  );
};

describe('GroupOwnershipCard', () => {
  it('lists what the team owns with tiers and findings', async () => {
    const api = new FakeOwnershipApi();
    api.getGroupOwnership.mockResolvedValue({
      groupRef: 'group:default/payments',
      policyRefs: [],
      owned: [billingRow],
      findings: [
        {
          type: 'no-policy',
          severity: 'error',
          entityRef: billingRow.entityRef,
          groupRef: 'group:default/payments',
          message: 'No policy',
        },
      ],
    });
    renderCard(api);

    const owned = await screen.findByRole('list', { name: 'Owned entities' });
    const item = within(owned).getByRole('listitem');
    expect(item).toHaveTextContent('Billing service');
    expect(item).toHaveTextContent('tier-2');
    expect(item).toHaveTextContent('No escalation policy');
    expect(screen.getByText('1 gap')).toBeInTheDocument();
    expect(api.getGroupOwnership).toHaveBeenCalledWith(
      'group:default/payments',
    );
  });

  it('flags a team without an escalation policy in red', async () => {
    const api = new FakeOwnershipApi();
    api.getGroupOwnership.mockResolvedValue({
      groupRef: 'group:default/payments',
      policyRefs: [],
      owned: [billingRow],
      findings: [],
    });
    renderCard(api);

    expect(
      await screen.findByText(/This team has no escalation policy/),
    ).toBeInTheDocument();
  });

  it('links to the matrix filtered by the team', async () => {
    renderCard(new FakeOwnershipApi());

    expect(
      await screen.findByRole('link', { name: 'Open in the ownership matrix' }),
    ).toHaveAttribute('href', '/ownership?owner=group%3Adefault%2Fidentity');
  });

  it('explains how to assign ownership when the team owns nothing', async () => {
    const api = new FakeOwnershipApi();
    api.getGroupOwnership.mockResolvedValue({
      groupRef: 'group:default/payments',
      policyRefs: ['escalationpolicy:default/payments'],
      owned: [],
      findings: [],
    });
    renderCard(api);

    expect(
      await screen.findByText(/spec.owner: group:default\/payments/),
    ).toBeInTheDocument();
  });

  it('says when the snapshot refreshes if the group is not in it yet', async () => {
    const api = new FakeOwnershipApi();
    api.getGroupOwnership.mockRejectedValue(
      await new OwnershipClient({
        discoveryApi: { getBaseUrl: async () => 'http://test/api/ownership' },
        fetchApi: {
          // The problem+json answer the backend sends.
          fetch: async () =>
            new Response(
              JSON.stringify({
                type: 'about:blank',
                title: 'Not Found',
                status: 404,
                detail: 'unknown group',
                instance: '/api/ownership/v1/groups/default/payments',
                error: { name: 'NotFoundError', message: 'unknown group' },
                request: { method: 'GET', url: '/v1/groups/default/payments' },
                response: { statusCode: 404 },
              }),
              {
                status: 404,
                headers: { 'content-type': 'application/problem+json' },
              },
            ),
        },
      })
        .getGroupOwnership('group:default/payments')
        .catch(e => e),
    );
    renderCard(api);

    expect(
      await screen.findByText(
        'The ownership matrix is recomputed from the catalog every 30 seconds. Reload the page shortly.',
      ),
    ).toBeInTheDocument();
  });
});

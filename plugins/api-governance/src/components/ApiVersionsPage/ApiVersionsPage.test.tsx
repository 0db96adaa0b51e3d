import { ServiceUnavailableError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import {
  backendError,
  FakeApiGovernanceApi,
  familyList,
  testAppOptions,
} from '../../testing/governanceFixtures';
import { describeSunset } from '../../versioning';
import { ApiVersionsPage } from './ApiVersionsPage';

describe('ApiVersionsPage', () => {
  it('shows progress until the families arrive', async () => {
    const api = new FakeApiGovernanceApi();
    api.listFamilies.mockReturnValue(new Promise(() => {}));
    renderInTestApp(<ApiVersionsPage />, testAppOptions(api));

    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });

  it('shows the backend\u2019s error message', async () => {
    const api = new FakeApiGovernanceApi();
    api.listFamilies.mockRejectedValue(
      new ServiceUnavailableError('The catalog did not answer within 10 s'),
    );
    renderInTestApp(<ApiVersionsPage />, testAppOptions(api));

    expect(
      await screen.findByText(/Could not load the API families/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/The catalog did not answer within 10 s/).length,
    ).toBeGreaterThan(0);
  });

  it('says how to create a family when there is none', async () => {
    const api = new FakeApiGovernanceApi();
    api.listFamilies.mockResolvedValue({ items: [], totalItems: 0 });
    renderInTestApp(<ApiVersionsPage />, testAppOptions(api));

    expect(await screen.findByText('No API families')).toBeInTheDocument();
    expect(
      screen.getByText(
        /No API families: add plinth\.dev\/api-family to your API entities, see the docs/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'API versions and governance' }),
    ).toHaveAttribute(
      'href',
      '/docs/default/component/plinth-portal/api-governance/',
    );
  });

  it('shows each family with its timeline, lifecycles, sunset countdown and counts', async () => {
    const api = new FakeApiGovernanceApi();
    renderInTestApp(<ApiVersionsPage />, testAppOptions(api));

    const family = within(
      await screen.findByTestId('family-user-provisioning'),
    );
    expect(
      family.getByRole('link', { name: 'User provisioning' }),
    ).toHaveAttribute('href', '/api-versions/user-provisioning');
    const counts = within(
      family.getByRole('group', { name: 'Counts for User provisioning' }),
    );
    expect(counts.getByText('2 policy violations')).toBeInTheDocument();
    expect(counts.getByText('7 breaking changes')).toBeInTheDocument();
    expect(counts.getByText('0 lint errors')).toBeInTheDocument();
    expect(counts.getByText('3 consumers')).toBeInTheDocument();

    const timeline = within(
      family.getByRole('list', {
        name: 'Version timeline of User provisioning',
      }),
    );
    const v1 = within(
      timeline.getByRole('listitem', { name: 'User provisioning API v1' }),
    );
    expect(v1.getByText('deprecated')).toBeInTheDocument();
    expect(v1.getByText('v1.4.2')).toBeInTheDocument();
    expect(
      v1.getByText(`${describeSunset('2027-03-31', new Date())} (2027-03-31)`),
    ).toBeInTheDocument();
    const v2 = within(
      timeline.getByRole('listitem', { name: 'User provisioning API v2' }),
    );
    expect(v2.getByText('production')).toBeInTheDocument();
    expect(v2.queryByTestId('sunset-countdown')).not.toBeInTheDocument();

    expect(screen.getByTestId('family-billing-hooks')).toHaveTextContent(
      '1 lint error',
    );
  });

  it('reads every page of families', async () => {
    const api = new FakeApiGovernanceApi();
    api.listFamilies
      .mockResolvedValueOnce({
        items: [familyList.items[0]],
        totalItems: 2,
        nextPageToken: 'page-2',
      })
      .mockResolvedValueOnce({ items: [familyList.items[1]], totalItems: 2 });
    renderInTestApp(<ApiVersionsPage />, testAppOptions(api));

    expect(
      await screen.findByTestId('family-billing-hooks'),
    ).toBeInTheDocument();
    expect(api.listFamilies).toHaveBeenLastCalledWith({
      pageSize: 100,
      pageToken: 'page-2',
    });
  });

  it('shows exactly the backend\u2019s problem+json message', async () => {
    const api = new FakeApiGovernanceApi();
    api.listFamilies.mockRejectedValue(
      await backendError(
        403,
        'NotAllowedError',
        'api-governance.read: denied to user:default/guest.',
      ),
    );
    renderInTestApp(<ApiVersionsPage />, testAppOptions(api));

    // Exactly the message as an element's whole text: a client that could not read
    // problem+json would show the raw body there instead.
    expect(
      await screen.findByText(
        'api-governance.read: denied to user:default/guest.',
      ),
    ).toBeInTheDocument();
  });
});

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { FakeOwnershipApi, page, testAppOptions } from '../../testing';
import { MatrixView } from './MatrixView';
import { saveCsv } from './saveCsv';

jest.mock('./saveCsv', () => ({ saveCsv: jest.fn() }));

const renderView = (api: FakeOwnershipApi, url = '/ownership') =>
  renderInTestApp(<MatrixView />, {
    ...testAppOptions(api),
    initialRouteEntries: [url],
  });

describe('MatrixView', () => {
  it('asks the backend for the rows matching the filters in the URL', async () => {
    const api = new FakeOwnershipApi();

    renderView(api, '/ownership?domain=domain%3Adefault%2Fidentity');

    expect(
      await screen.findByRole('link', { name: 'User service' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Billing service' }),
    ).not.toBeInTheDocument();
    expect(api.getMatrix).toHaveBeenCalledWith(
      expect.objectContaining({
        filters: { domain: ['domain:default/identity'] },
      }),
    );
  });

  it('downloads the CSV for the current filters through the API', async () => {
    const api = new FakeOwnershipApi();
    renderView(api, '/ownership?tier=tier-1');

    await userEvent.click(
      await screen.findByRole('button', { name: 'Download CSV' }),
    );

    await waitFor(() =>
      expect(saveCsv).toHaveBeenCalledWith(
        'ownership.csv',
        'entityRef\ncomponent:default/user-service\n',
      ),
    );
    expect(api.exportMatrixCsv).toHaveBeenCalledWith({ tier: ['tier-1'] });
  });

  it('tells the user how to widen the view when no entity matches', async () => {
    const api = new FakeOwnershipApi();
    api.getMatrix.mockResolvedValue(page([]));

    renderView(api, '/ownership?q=nothing');

    expect(
      await screen.findByText('No entities match these filters'),
    ).toBeInTheDocument();
  });

  it('shows the backend error when the matrix cannot be loaded', async () => {
    const api = new FakeOwnershipApi();
    api.getMatrix.mockRejectedValue(new Error('ownership backend is down'));

    renderView(api);

    expect(
      (await screen.findAllByText(/ownership backend is down/)).length,
    ).toBeGreaterThan(0);
  });
});

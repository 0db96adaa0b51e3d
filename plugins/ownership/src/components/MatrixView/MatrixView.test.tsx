import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { OwnershipMatrixRow } from '@plinth/plugin-ownership-common';
import {
  FakeOwnershipApi,
  page,
  testAppOptions,
  userServiceRow,
} from '../../testing';
import { MatrixView } from './MatrixView';
import { saveCsv } from '../CsvExportButton/saveCsv';

jest.mock('../CsvExportButton/saveCsv', () => ({ saveCsv: jest.fn() }));

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

  it('shows the first rows while the rest load, then every row', async () => {
    const api = new FakeOwnershipApi();
    api.rows = manyRows(250);
    let releaseRest: () => void = () => {};
    const restHeld = new Promise<void>(resolve => {
      releaseRest = resolve;
    });
    const answer = api.getMatrix.getMockImplementation()!;
    api.getMatrix.mockImplementation(async request => {
      if (request?.offset) await restHeld;
      return answer(request);
    });

    renderView(api);

    expect(
      await screen.findByText(/250 entities · loading rows 100 of 250…/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Loading matrix rows' }),
    ).toBeInTheDocument();
    expect(api.getMatrix).toHaveBeenCalledWith(
      expect.objectContaining({ limit: 100 }),
    );

    releaseRest();

    await waitFor(() =>
      expect(
        screen.queryByRole('progressbar', { name: 'Loading matrix rows' }),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByText(/^250 entities · snapshot/)).toBeInTheDocument();
    expect(api.getMatrix).toHaveBeenLastCalledWith(
      expect.objectContaining({ offset: 100, limit: 150 }),
    );
  });

  it('offers every domain as a filter choice from the first page, however few rows it holds', async () => {
    const api = new FakeOwnershipApi();
    renderView(api, '/ownership?domain=domain%3Adefault%2Fidentity');

    await screen.findByRole('link', { name: 'User service' });
    // One page, one request: the choices come with it, not from a second, unfiltered load.
    expect(api.getMatrix).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByLabelText('Domain'));
    expect(
      await screen.findByRole('option', { name: /payments/ }),
    ).toBeInTheDocument();
  });

  it('keeps the rows it has and says so when a later page fails', async () => {
    const api = new FakeOwnershipApi();
    api.rows = manyRows(150);
    const answer = api.getMatrix.getMockImplementation()!;
    api.getMatrix.mockImplementation(async request => {
      if (request?.offset) throw new Error('ownership backend restarted');
      return answer(request);
    });

    renderView(api);

    expect(
      await screen.findByText(
        /Showing 100 of 150 entities: loading the rest failed \(ownership backend restarted\)/,
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('row').length).toBeGreaterThan(1);
  });
});

function manyRows(n: number): OwnershipMatrixRow[] {
  return Array.from({ length: n }, (_, i) => ({
    ...userServiceRow,
    entityRef: `component:default/service-${i}`,
    name: `service-${i}`,
    title: `Service ${i}`,
  }));
}

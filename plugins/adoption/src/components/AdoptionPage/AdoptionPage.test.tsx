import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  FakeAdoptionApi,
  group,
  testAppOptions,
  trendRow,
} from '../../testing';
import { AdoptionPage } from './AdoptionPage';
import { saveCsv } from './saveCsv';

jest.mock('./saveCsv', () => ({ saveCsv: jest.fn() }));

const ORDERS = 'group:default/orders';
const LEGACY = 'group:default/legacy';

function apiWithTrend() {
  const api = new FakeAdoptionApi();
  api.trend[ORDERS] = [
    trendRow('2026-11-28T23:50:00.000Z', {
      owner: { passed: 1, evaluated: 2 },
      'template-version': { passed: 0, evaluated: 2 },
    }),
    // Two runs on the 30th: the page keeps the last of each day.
    trendRow('2026-11-30T08:00:00.000Z', {
      owner: { passed: 1, evaluated: 2 },
      'template-version': { passed: 1, evaluated: 2 },
    }),
    trendRow('2026-11-30T10:00:00.000Z', {
      owner: { passed: 2, evaluated: 2 },
      'template-version': { passed: 1, evaluated: 2 },
    }),
  ];
  return api;
}

const groups = [group('orders', 'Orders'), group('legacy', 'Legacy')];
const row = (ref: string) => within(screen.getByTestId(`adoption-team-${ref}`));

describe('AdoptionPage', () => {
  it('shows each team x check as % passing with the counts, from its latest run', async () => {
    renderInTestApp(<AdoptionPage />, testAppOptions(apiWithTrend(), groups));
    await screen.findByRole('table', { name: 'Teams by checks, % passing' });
    const orders = row(ORDERS);
    expect(orders.getByText('Orders')).toBeInTheDocument();
    expect(orders.getByText('100 % (2/2)')).toBeInTheDocument();
    expect(orders.getByText('50 % (1/2)')).toBeInTheDocument();
    // All checks together: 3 of 4 results pass.
    expect(orders.getByText('75 %')).toBeInTheDocument();
    expect(row(LEGACY).getByText('no data yet')).toBeInTheDocument();
  });

  it('filters by check: the overall % and the columns follow the selection', async () => {
    renderInTestApp(<AdoptionPage />, testAppOptions(apiWithTrend(), groups));
    await screen.findByRole('table', { name: 'Teams by checks, % passing' });
    await userEvent.click(screen.getByLabelText('Checks'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Owned by a real team' }),
    );
    await userEvent.keyboard('{Escape}');
    const table = screen.getByRole('table', {
      name: 'Teams by checks, % passing',
    });
    expect(
      within(table).queryByText('Created from the current template version'),
    ).toBeNull();
    expect(row(ORDERS).getAllByText('100 %')).toHaveLength(1);
  });

  it('filters by team', async () => {
    renderInTestApp(<AdoptionPage />, testAppOptions(apiWithTrend(), groups));
    await screen.findByRole('table', { name: 'Teams by checks, % passing' });
    await userEvent.click(screen.getByLabelText('Teams'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Legacy' }),
    );
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByTestId(`adoption-team-${ORDERS}`)).toBeNull();
    expect(screen.getByTestId(`adoption-team-${LEGACY}`)).toBeInTheDocument();
  });

  it('shows the trend per day (last run of each day) as a table on request', async () => {
    renderInTestApp(<AdoptionPage />, testAppOptions(apiWithTrend(), groups));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show data as table' }),
    );
    const table = screen.getByRole('table', { name: 'Trend data' });
    const rows = within(table)
      .getAllByRole('row')
      .map(r => r.textContent);
    expect(rows).toEqual(['DayOrders', '2026-11-3075 %', '2026-11-2825 %']);
    expect(
      screen.getByRole('img', {
        name: /Orders: 25 % on 2026-11-28, 75 % on 2026-11-30/,
      }),
    ).toBeInTheDocument();
  });

  it('downloads the matrix as CSV', async () => {
    renderInTestApp(<AdoptionPage />, testAppOptions(apiWithTrend(), groups));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Download CSV' }),
    );
    expect(saveCsv).toHaveBeenCalledWith(
      expect.stringMatching(/^adoption-\d{4}-\d{2}-\d{2}\.csv$/),
      expect.stringContaining('Orders,2,100,2/2,50,1/2,,,,\r\n'),
    );
  });

  it('says the scores are coming when no team has been scored yet', async () => {
    renderInTestApp(
      <AdoptionPage />,
      testAppOptions(new FakeAdoptionApi(), groups),
    );
    expect(await screen.findByText(/No scores yet/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeDisabled();
  });

  it('explains what is missing when the catalog has no groups', async () => {
    renderInTestApp(
      <AdoptionPage />,
      testAppOptions(new FakeAdoptionApi(), []),
    );
    expect(
      await screen.findByText('No teams in the catalog'),
    ).toBeInTheDocument();
  });

  it('says what to check when the Tech Insights backend cannot answer', async () => {
    const api = new FakeAdoptionApi();
    api.getChecks.mockRejectedValue(new Error('502 Bad Gateway'));
    renderInTestApp(<AdoptionPage />, testAppOptions(api, groups));
    expect(
      await screen.findByText(/check that the Tech Insights backend/),
    ).toBeInTheDocument();
  });
});

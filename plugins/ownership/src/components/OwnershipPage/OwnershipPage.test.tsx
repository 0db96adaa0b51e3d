import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { FakeOwnershipApi, testAppOptions } from '../../testing';
import { OwnershipPage } from './OwnershipPage';

describe('OwnershipPage', () => {
  it('opens on the matrix', async () => {
    renderInTestApp(<OwnershipPage />, testAppOptions(new FakeOwnershipApi()));

    expect(
      await screen.findByRole('table', { name: 'Ownership matrix' }),
    ).toBeInTheDocument();
  });

  it('switches to the coverage heatmap', async () => {
    renderInTestApp(<OwnershipPage />, testAppOptions(new FakeOwnershipApi()));

    await userEvent.click(await screen.findByRole('tab', { name: 'Coverage' }));

    expect(
      await screen.findByRole('table', { name: 'Coverage findings per team' }),
    ).toBeInTheDocument();
    // All findings, not the first page's.
    expect(screen.getByText(/^4 findings across 2 teams/)).toBeInTheDocument();
  });

  it('says so when no team has a coverage finding', async () => {
    const api = new FakeOwnershipApi();
    api.getCoverage.mockResolvedValue({
      generatedAt: '2026-11-23T10:00:00Z',
      findings: [],
      totalFindings: 0,
      byGroup: [],
    });

    renderInTestApp(<OwnershipPage />, {
      ...testAppOptions(api),
      initialRouteEntries: ['/ownership?view=coverage'],
    });

    expect(await screen.findByText('No coverage findings')).toBeInTheDocument();
  });
});

import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { coverage, FakeOwnershipApi, testAppOptions } from '../../testing';
import { CoverageHeatmap } from './CoverageHeatmap';

const renderHeatmap = () =>
  renderInTestApp(<CoverageHeatmap summary={coverage} />, {
    ...testAppOptions(new FakeOwnershipApi()),
    initialRouteEntries: ['/ownership?view=coverage'],
  });

describe('CoverageHeatmap', () => {
  it('links each count to the matrix filtered by that team and finding', async () => {
    renderHeatmap();

    const cell = await screen.findByRole('link', {
      name: /3 entities of group:default\/payments with "No escalation policy"/,
    });
    expect(cell).toHaveTextContent('3');
    expect(cell).toHaveAttribute(
      'href',
      '/ownership?owner=group%3Adefault%2Fpayments&finding=no-policy',
    );
  });

  it('shows zero counts as plain text, not as links', async () => {
    renderHeatmap();

    expect(
      await screen.findByLabelText(
        /0 entities of group:default\/identity with "No escalation policy"/,
      ),
    ).not.toHaveAttribute('href');
  });

  it('has one row per team and one column per finding type', async () => {
    renderHeatmap();

    const table = await screen.findByRole('table', {
      name: 'Coverage findings per team',
    });
    expect(table.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(screen.getAllByRole('columnheader')).toHaveLength(11);
  });
});

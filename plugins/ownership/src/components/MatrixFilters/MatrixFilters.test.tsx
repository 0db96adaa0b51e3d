import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { MatrixFilters } from './MatrixFilters';
import { filtersFromSearchParams } from './searchParams';

const options = {
  domain: ['domain:default/identity', 'domain:default/payments'],
  system: [],
  owner: ['group:default/identity'],
  lifecycle: ['production'],
};

const LocationProbe = () => {
  const { search } = useLocation();
  return <output aria-label="search">{search}</output>;
};

const renderFilters = (url = '/ownership') =>
  renderInTestApp(
    <>
      <MatrixFilters options={options} />
      <LocationProbe />
    </>,
    { initialRouteEntries: [url] },
  );

describe('MatrixFilters', () => {
  it('writes a selected domain into the URL', async () => {
    renderFilters();

    await userEvent.click(await screen.findByLabelText('Domain'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'identity' }),
    );

    expect(screen.getByLabelText('search')).toHaveTextContent(
      '?domain=domain%3Adefault%2Fidentity',
    );
  });

  it('restores the selection from a shared URL', async () => {
    renderFilters('/ownership?tier=tier-1&finding=no-policy');

    expect(
      await screen.findByRole('button', { name: 'tier-1' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'No escalation policy' }),
    ).toBeInTheDocument();
  });

  it('writes the search text into the URL after typing stops', async () => {
    renderFilters();

    await userEvent.type(await screen.findByLabelText('Search'), 'billing');

    expect(await screen.findByText('?q=billing')).toBeInTheDocument();
  });

  it('clears every filter but keeps other parameters', async () => {
    renderFilters('/ownership?view=matrix&tier=tier-1&q=user');

    await userEvent.click(
      await screen.findByRole('button', { name: 'Clear filters' }),
    );

    expect(screen.getByLabelText('search')).toHaveTextContent(
      /^\?view=matrix$/,
    );
  });
});

describe('filtersFromSearchParams', () => {
  it('drops tiers, kinds and findings it does not know', () => {
    expect(
      filtersFromSearchParams(
        new URLSearchParams(
          'tier=tier-1&tier=gold&kind=API&kind=Cow&finding=nope',
        ),
      ),
    ).toEqual({ tier: ['tier-1'], kind: ['API'] });
  });
});

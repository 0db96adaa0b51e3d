import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  billingRow,
  FakeOwnershipApi,
  testAppOptions,
  userServiceRow,
} from '../../testing';
import { MatrixTable } from './MatrixTable';

const options = () => testAppOptions(new FakeOwnershipApi());

describe('MatrixTable', () => {
  it('renders one row per entity with owner, policy, first contact and response target', async () => {
    renderInTestApp(
      <MatrixTable rows={[userServiceRow, billingRow]} />,
      options(),
    );

    const table = await screen.findByRole('table', {
      name: 'Ownership matrix',
    });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const userRow = within(rows[1]);
    expect(userRow.getByRole('link', { name: 'User service' })).toHaveAttribute(
      'href',
      '/catalog/default/component/user-service',
    );
    expect(userRow.getByText('Identity team')).toBeInTheDocument();
    expect(userRow.getByText("from owner's policy")).toBeInTheDocument();
    expect(userRow.getByText('15 min')).toBeInTheDocument();
  });

  it('shows findings as chips on the row they apply to', async () => {
    renderInTestApp(
      <MatrixTable rows={[userServiceRow, billingRow]} />,
      options(),
    );

    const billing = (await screen.findAllByRole('row'))[2];
    expect(
      within(billing).getByText('No escalation policy'),
    ).toBeInTheDocument();
    expect(within(billing).getByText('Team overloaded')).toBeInTheDocument();
  });

  it('moves focus to the next row with the down arrow', async () => {
    renderInTestApp(
      <MatrixTable rows={[userServiceRow, billingRow]} />,
      options(),
    );
    const rows = await screen.findAllByRole('row');
    rows[1].focus();

    await userEvent.keyboard('{ArrowDown}');

    await new Promise(resolve => requestAnimationFrame(resolve));
    expect(rows[2]).toHaveFocus();
  });

  it('shows the gaps first and counts the findings that do not fit the row', async () => {
    renderInTestApp(
      <MatrixTable
        rows={[
          {
            ...userServiceRow,
            findings: [
              'group-overloaded',
              'policy-owner-drift',
              'no-policy',
              'tier1-response-too-slow',
            ],
          },
        ]}
      />,
      options(),
    );

    const cells = await screen.findAllByRole('cell');
    const findings = cells[cells.length - 1];
    expect(findings).toHaveTextContent(/^No escalation policy/);
    expect(
      screen.getByLabelText(
        '2 more: Team overloaded, Policy owned by another team',
      ),
    ).toHaveTextContent('+2');
  });
});

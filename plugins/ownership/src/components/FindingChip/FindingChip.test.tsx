import { render, screen } from '@testing-library/react';
import { FindingChip } from './FindingChip';

describe('FindingChip', () => {
  it('shows an escalation loop as a gap, the severity ownership-common gives it', () => {
    render(<FindingChip type="policy-cycle" />);

    expect(screen.getByTitle('Gap: Escalation loop')).toHaveTextContent(
      'Escalation loop',
    );
  });

  it('shows a finding ownership-common rates as a warning as a warning', () => {
    render(<FindingChip type="policy-owner-drift" />);

    expect(
      screen.getByTitle('Warning: Policy owned by another team'),
    ).toBeInTheDocument();
  });

  it("uses the finding's own severity when it has one", () => {
    render(<FindingChip type="no-owner" severity="warning" />);

    expect(screen.getByTitle('Warning: No owner')).toBeInTheDocument();
  });
});

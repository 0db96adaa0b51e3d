import { NotFoundError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import {
  FakeApiGovernanceApi,
  testAppOptions,
  userProvisioningTimeline,
} from '../../testing/governanceFixtures';
import { FamilyPage } from './FamilyPage';

const renderPage = (api: FakeApiGovernanceApi, family = 'user-provisioning') =>
  renderInTestApp(<FamilyPage family={family} />, testAppOptions(api));

describe('FamilyPage', () => {
  it('asks for the family in the URL and shows progress until it arrives', async () => {
    const api = new FakeApiGovernanceApi();
    api.getFamily.mockReturnValue(new Promise(() => {}));
    renderPage(api);

    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    expect(api.getFamily).toHaveBeenCalledWith('user-provisioning');
  });

  it('shows the backend\u2019s message for an unknown family', async () => {
    const api = new FakeApiGovernanceApi();
    api.getFamily.mockRejectedValue(
      new NotFoundError('No API family named "nope"'),
    );
    renderPage(api, 'nope');

    expect(
      await screen.findByText(/Could not load the API family nope/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/No API family named "nope"/).length,
    ).toBeGreaterThan(0);
  });

  it('links the diff between consecutive lines with its counts', async () => {
    const api = new FakeApiGovernanceApi();
    renderPage(api);

    const timeline = within(
      await screen.findByRole('list', {
        name: 'Version timeline of User provisioning',
      }),
    );
    expect(timeline.getByText('7 breaking')).toBeInTheDocument();
    expect(
      timeline.getByRole('link', { name: 'View changes' }),
    ).toHaveAttribute(
      'href',
      '/api-versions/user-provisioning/diff?from=api%3Adefault%2Fuser-provisioning-v1&to=api%3Adefault%2Fuser-provisioning-v2',
    );
  });

  it('says why two lines were not compared', async () => {
    const api = new FakeApiGovernanceApi();
    api.getFamily.mockResolvedValue({
      ...userProvisioningTimeline,
      diffs: [
        {
          ...userProvisioningTimeline.diffs[0],
          changes: undefined,
          problem: {
            code: 'TIMEOUT',
            message: 'the diff took longer than 10 s',
          },
        },
      ],
    });
    renderPage(api);

    expect(
      await screen.findByText('Not compared: the diff took longer than 10 s'),
    ).toBeInTheDocument();
  });

  it('lists policy violations, errors first', async () => {
    const api = new FakeApiGovernanceApi();
    renderPage(api);

    const table = within(
      await screen.findByRole('table', { name: 'Policy violations' }),
    );
    const rows = table.getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('production-without-escalation-policy');
    expect(rows[0]).toHaveTextContent('error');
    expect(rows[1]).toHaveTextContent('deprecated-without-sunset');
  });

  it('shows the consumers still on v1 with their impact and who to call', async () => {
    const api = new FakeApiGovernanceApi();
    renderPage(api);

    const consumers = within(
      await screen.findByRole('table', {
        name: 'Consumers of User provisioning API v1',
      }),
    );
    const signup = within(
      consumers.getByRole('link', { name: 'Signup service' }).closest('tr')!,
    );
    expect(signup.getByText('Migrate before sunset')).toBeInTheDocument();
    expect(
      signup.getByText(
        'Migrate to User provisioning API v2 before 2027-03-31.',
      ),
    ).toBeInTheDocument();
    expect(signup.getByText(/7 breaking, 2 potentially/)).toBeInTheDocument();
    const whoToCall = within(
      signup.getByRole('group', { name: 'Who to call about Signup service' }),
    );
    expect(whoToCall.getByText('Growth on-call')).toBeInTheDocument();
    expect(
      whoToCall.getByRole('link', { name: 'growth-oncall@plinth.dev' }),
    ).toHaveAttribute('href', 'mailto:growth-oncall@plinth.dev');
    expect(signup.getByText('On-call engineer')).toBeInTheDocument();
    expect(signup.getByText('24x7')).toBeInTheDocument();

    const legacy = within(
      consumers.getByRole('link', { name: 'Legacy importer' }).closest('tr')!,
    );
    expect(legacy.getByText(/No escalation policy/)).toBeInTheDocument();
  });

  it('says when contacts are unavailable because the ownership backend did not answer', async () => {
    const api = new FakeApiGovernanceApi();
    api.getFamily.mockResolvedValue({
      ...userProvisioningTimeline,
      ownership: 'unavailable',
    });
    renderPage(api);

    expect(
      await screen.findByText(/The ownership backend did not answer/),
    ).toBeInTheDocument();
    const v2 = within(
      screen.getByRole('table', {
        name: 'Consumers of User provisioning API v2',
      }),
    );
    expect(v2.getByText(/Contacts unavailable/)).toBeInTheDocument();
  });
});

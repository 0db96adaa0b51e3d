import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  backendError,
  FakeApiGovernanceApi,
  testAppOptions,
  userProvisioningTimeline,
  V1_REF,
  V2_REF,
} from '../../testing/governanceFixtures';
import { DiffPage } from './DiffPage';

const renderPage = (api: FakeApiGovernanceApi, search = '') =>
  renderInTestApp(<DiffPage family="user-provisioning" />, {
    ...testAppOptions(api),
    initialRouteEntries: [`/api-versions/user-provisioning/diff${search}`],
  });

const v3Line = {
  ...userProvisioningTimeline.lines[1],
  entityRef: 'api:default/user-provisioning-v3',
  name: 'user-provisioning-v3',
  title: 'User provisioning API v3',
  lifecycle: 'experimental',
  semver: '3.0.0-beta.1',
};

describe('DiffPage', () => {
  it('compares the two newest lines unless the URL picks others', async () => {
    const api = new FakeApiGovernanceApi();
    renderPage(api);

    expect(
      await screen.findByRole('group', { name: 'Change counts' }),
    ).toHaveTextContent('2 breaking');
    expect(api.getDiff).toHaveBeenCalledWith(
      'user-provisioning',
      V1_REF,
      V2_REF,
      { pageSize: 1000, pageToken: undefined },
    );
  });

  it('shows breaking changes first, grouped by operation, each linking to its place in the spec', async () => {
    const api = new FakeApiGovernanceApi();
    renderPage(api, `?from=${V1_REF}&to=${V2_REF}`);

    await screen.findByRole('region', { name: 'Whole document' });
    // Only the operation groups: the app's own regions (notifications) are not ours.
    const sections = screen
      .getAllByRole('region')
      .filter(region => region.tagName === 'SECTION');
    expect(sections.map(s => s.getAttribute('aria-label'))).toEqual([
      'POST /users/{userId}/password-reset',
      'POST /users',
      'Whole document',
    ]);
    const removed = within(sections[0]);
    expect(removed.getByText('Breaking')).toBeInTheDocument();
    expect(
      removed.getByText('POST /users/{userId}/password-reset was removed.'),
    ).toBeInTheDocument();
    // A removed operation is found in the base line's document.
    expect(
      removed.getByRole('link', { name: /In User provisioning API v1/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/api/user-provisioning-v1/api-overview#operation-post-users-userId-password-reset',
    );
    const create = within(sections[1]);
    expect(
      create.getAllByRole('link', { name: /In User provisioning API v2/ })[0],
    ).toHaveAttribute(
      'href',
      '/catalog/default/api/user-provisioning-v2/api-overview#operation-post-users',
    );
    expect(create.getByText('Potentially breaking')).toBeInTheDocument();
  });

  it('hides non-breaking changes on request', async () => {
    const api = new FakeApiGovernanceApi();
    renderPage(api);
    await screen.findByRole('region', { name: 'Whole document' });

    await userEvent.click(
      screen.getByRole('checkbox', {
        name: 'Only breaking and potentially breaking changes',
      }),
    );

    expect(
      screen.queryByRole('region', { name: 'Whole document' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'POST /users' }),
    ).toHaveTextContent('Potentially breaking');
  });

  it('shows an excerpt of the spec at the finding\u2019s JSON pointer', async () => {
    const api = new FakeApiGovernanceApi();
    renderPage(api);

    const create = within(
      await screen.findByRole('region', { name: 'POST /users' }),
    );
    const [show] = await create.findAllByRole('button', {
      name: 'Show excerpt',
    });
    await userEvent.click(show);

    const excerpt = create.getByLabelText(
      'Excerpt at /components/schemas/UserCreate/required',
    );
    expect(excerpt).toHaveTextContent('"externalId"');
    expect(excerpt).toHaveTextContent('"primaryEmail"');
  });

  it('compares the lines picked with the keyboard', async () => {
    const api = new FakeApiGovernanceApi();
    api.getFamily.mockResolvedValue({
      ...userProvisioningTimeline,
      lines: [...userProvisioningTimeline.lines, v3Line],
    });
    renderPage(api);
    await screen.findByRole('group', { name: 'Change counts' });
    expect(api.getDiff).toHaveBeenLastCalledWith(
      'user-provisioning',
      V2_REF,
      v3Line.entityRef,
      expect.anything(),
    );

    const from = screen.getByRole('combobox', { name: 'From' });
    from.focus();
    await userEvent.keyboard('{Enter}');
    const option = await screen.findByRole('option', {
      name: 'User provisioning API v1 (v1.4.2)',
    });
    option.focus();
    await userEvent.keyboard('{Enter}');

    await waitFor(() =>
      expect(api.getDiff).toHaveBeenLastCalledWith(
        'user-provisioning',
        V1_REF,
        v3Line.entityRef,
        expect.anything(),
      ),
    );
  });

  it('asks for two different lines when both pickers name the same', async () => {
    const api = new FakeApiGovernanceApi();
    renderPage(api, `?from=${V2_REF}&to=${V2_REF}`);

    expect(
      await screen.findByText('Pick two different lines to compare.'),
    ).toBeInTheDocument();
    expect(api.getDiff).not.toHaveBeenCalled();
  });

  it('shows the backend\u2019s reason when a definition cannot be compared', async () => {
    const api = new FakeApiGovernanceApi();
    api.getDiff.mockRejectedValue(
      await backendError(
        422,
        'InputError',
        'user-provisioning-v1: $ref #/components/schemas/Gone does not resolve',
      ),
    );
    renderPage(api);

    expect(
      await screen.findByText(/Could not compare these lines/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/\$ref #\/components\/schemas\/Gone does not resolve/)
        .length,
    ).toBeGreaterThan(0);
  });

  it('says there is nothing to compare in a family of one line', async () => {
    const api = new FakeApiGovernanceApi();
    api.getFamily.mockResolvedValue({
      ...userProvisioningTimeline,
      lines: [userProvisioningTimeline.lines[1]],
      diffs: [],
    });
    renderPage(api);

    expect(
      await screen.findByText('This family has one line: nothing to compare.'),
    ).toBeInTheDocument();
  });
});

import { InputError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { userProvisioningV2 } from '../../testing/catalogFixtures';
import {
  FakeApiGovernanceApi,
  testAppOptions,
  v2Lint,
} from '../../testing/governanceFixtures';
import { LintContent } from './LintContent';

const renderTab = (api: FakeApiGovernanceApi) =>
  renderInTestApp(
    <EntityProvider entity={userProvisioningV2}>
      <LintContent />
    </EntityProvider>,
    testAppOptions(api),
  );

describe('LintContent', () => {
  it('shows progress, then lints the entity on the page', async () => {
    const api = new FakeApiGovernanceApi();
    let resolve: (value: typeof v2Lint) => void = () => {};
    api.getLint.mockReturnValue(new Promise(r => (resolve = r)));
    renderTab(api);

    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    expect(api.getLint).toHaveBeenCalledWith(
      'api:default/user-provisioning-v2',
      { pageSize: 1000, pageToken: undefined },
    );
    resolve(v2Lint);
    expect(await screen.findByText('1 errors')).toBeInTheDocument();
  });

  it('lists findings by severity with the rule and its message', async () => {
    const api = new FakeApiGovernanceApi();
    renderTab(api);

    const errors = within(await screen.findByRole('table', { name: 'Errors' }));
    expect(errors.getByText('plinth-problem-json-errors')).toBeInTheDocument();
    expect(
      errors.getByText(
        '4xx and 5xx responses must use application/problem+json.',
      ),
    ).toBeInTheDocument();
    expect(errors.getByText('line 52, column 9')).toBeInTheDocument();
    // The pointer links to its operation on the API overview tab.
    expect(
      errors.getByRole('link', { name: '/paths/~1users/get/responses/400' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/api/user-provisioning-v2/api-overview#operation-get-users',
    );
    const warnings = within(screen.getByRole('table', { name: 'Warnings' }));
    expect(warnings.getByText('plinth-paging')).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Information' }),
    ).not.toBeInTheDocument();
  });

  it('says the definition is clean when there is no finding', async () => {
    const api = new FakeApiGovernanceApi();
    api.getLint.mockResolvedValue({
      ...v2Lint,
      summary: { error: 0, warning: 0, info: 0 },
      items: [],
      totalItems: 0,
    });
    renderTab(api);

    expect(await screen.findByText(/No findings/)).toBeInTheDocument();
  });

  it('shows why the definition could not be linted', async () => {
    const api = new FakeApiGovernanceApi();
    api.getLint.mockRejectedValue(
      new InputError('The definition is Swagger 2.0; convert it to OpenAPI 3'),
    );
    renderTab(api);

    expect(
      await screen.findByText(/Could not lint this API/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/The definition is Swagger 2\.0/).length,
    ).toBeGreaterThan(0);
  });
});

import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { rootRouteRef } from '../../routes';
import {
  apiWithDefinition,
  catalogEntities,
  userProvisioningV1,
  userProvisioningV2,
} from '../../testing/catalogFixtures';
import { describeSunset } from '../../versioning';
import { ApiOverviewContent } from './ApiOverviewContent';

const renderTab = (
  entity: Entity,
  options: { initialRouteEntries?: string[]; entities?: Entity[] } = {},
) =>
  renderInTestApp(
    <EntityProvider entity={entity}>
      <ApiOverviewContent />
    </EntityProvider>,
    {
      apis: [catalogApiMock({ entities: options.entities ?? catalogEntities })],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/api-versions': rootRouteRef,
      },
      initialRouteEntries: options.initialRouteEntries,
    },
  );

const region = (name: string) => screen.findByRole('region', { name });

describe('ApiOverviewContent', () => {
  it('states the purpose and the business context: system and its domain', async () => {
    renderTab(userProvisioningV1);

    const purpose = within(await region('Purpose and business context'));
    expect(
      purpose.getByText(
        /SCIM-style provisioning of users and groups\. Deprecated/,
      ),
    ).toBeInTheDocument();
    // The owner group and the domain are both called identity: tell them apart by target.
    await waitFor(() =>
      expect(
        purpose
          .getAllByRole('link', { name: 'identity' })
          .map(link => link.getAttribute('href')),
      ).toEqual([
        '/catalog/default/group/identity',
        '/catalog/default/domain/identity',
      ]),
    );
    expect(
      purpose.getByRole('link', { name: 'user-provisioning' }),
    ).toHaveAttribute('href', '/catalog/default/system/user-provisioning');
    expect(purpose.getByText('1.4.2 (OpenAPI 3.0.3)')).toBeInTheDocument();
  });

  it('lists the operations grouped by tag with method, path, summary and deprecation', async () => {
    renderTab(userProvisioningV1);

    const endpoints = within(await region('Endpoint structure'));
    expect(
      endpoints.getByText('11 operations in 2 groups', { exact: false }),
    ).toBeInTheDocument();
    const users = within(
      endpoints.getByRole('table', { name: 'Operations: users' }),
    );
    const reset = users
      .getByRole('link', { name: '/users/{userId}/password-reset' })
      .closest('tr')!;
    expect(within(reset).getByText('POST')).toBeInTheDocument();
    expect(
      within(reset).getByText('Send a password reset email'),
    ).toBeInTheDocument();
    expect(within(reset).getByText('deprecated')).toBeInTheDocument();
    expect(
      endpoints.getByRole('table', { name: 'Operations: groups' }),
    ).toBeInTheDocument();
  });

  it('opens an operation\u2019s payloads from the keyboard, with schemas, required fields and examples', async () => {
    renderTab(userProvisioningV2);
    const payloads = within(await region('Payload formats'));
    const createUser = payloads.getByRole('button', {
      name: /POST \/users Create a user/,
    });
    expect(createUser).toHaveAttribute('aria-expanded', 'false');

    createUser.focus();
    await userEvent.keyboard('{Enter}');

    expect(createUser).toHaveAttribute('aria-expanded', 'true');
    const details = within(
      document.getElementById('operation-post-users-details')!,
    );
    // The request schema, followed through $ref, with its required properties.
    expect(details.getAllByText('externalId').length).toBeGreaterThan(0);
    expect(details.getAllByText('(required)').length).toBeGreaterThan(0);
    // The 400 response's problem schema carries a schema-level example.
    expect(details.getByText('400')).toBeInTheDocument();
    expect(details.getAllByText(/ValidationProblem/).length).toBeGreaterThan(0);
  });

  it('opens and scrolls to the operation named in the URL fragment (diff findings link there)', async () => {
    renderTab(userProvisioningV1, {
      initialRouteEntries: [
        '/catalog/default/api/user-provisioning-v1/api-overview#operation-post-users-userId-password-reset',
      ],
    });

    const payloads = within(await region('Payload formats'));
    expect(
      await payloads.findByRole('button', {
        name: /POST \/users\/\{userId\}\/password-reset/,
        expanded: true,
      }),
    ).toBeInTheDocument();
  });

  it('shows the family\u2019s lines with lifecycle, semver, deprecation and a sunset countdown', async () => {
    renderTab(userProvisioningV2);

    const table = within(
      await screen.findByRole('table', {
        name: 'Version lines of user-provisioning',
      }),
    );
    const v1 = table
      .getByRole('link', { name: 'User provisioning API v1' })
      .closest('tr')!;
    expect(within(v1).getByText('deprecated')).toBeInTheDocument();
    expect(within(v1).getByText('1.4.2')).toBeInTheDocument();
    expect(within(v1).getByText('2026-06-01')).toBeInTheDocument();
    expect(
      within(v1).getByText(
        `${describeSunset('2027-03-31', new Date())} (2027-03-31)`,
      ),
    ).toBeInTheDocument();
    const v2 = table
      .getByRole('link', { name: 'User provisioning API v2' })
      .closest('tr')!;
    expect(within(v2).getByText('production')).toBeInTheDocument();
    expect(within(v2).getByText('(this line)')).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: 'Timeline, diffs, policy and consumer impact of user-provisioning',
      }),
    ).toHaveAttribute('href', '/api-versions/user-provisioning');
  });

  it('says how to join a family when the API has none', async () => {
    const { 'plinth.dev/api-family': _family, ...annotations } =
      userProvisioningV1.metadata.annotations!;
    renderTab({
      ...userProvisioningV1,
      metadata: { ...userProvisioningV1.metadata, annotations },
    });

    const versioning = within(await region('Versioning'));
    expect(
      versioning.getByText(/This API belongs to no API family/),
    ).toBeInTheDocument();
  });

  it('shows security schemes with scopes and what each operation requires', async () => {
    renderTab(userProvisioningV1);

    const schemes = within(
      await screen.findByRole('table', { name: 'Security schemes' }),
    );
    expect(schemes.getByText('HTTP bearer (JWT)')).toBeInTheDocument();
    expect(schemes.getByText('users.write')).toBeInTheDocument();
    const perOperation = within(
      screen.getByRole('table', { name: 'Authorization per operation' }),
    );
    const deleteRow = perOperation.getAllByText('DELETE')[0].closest('tr')!;
    expect(
      within(deleteRow).getByText('serviceClient (users.write)'),
    ).toBeInTheDocument();
  });

  it('maps providers and consumers with owners and what the consumers also depend on', async () => {
    renderTab(userProvisioningV1);

    const providers = within(
      await screen.findByRole('table', { name: 'Providers' }),
    );
    expect(
      providers.getByRole('link', { name: /user-service|User service/ }),
    ).toHaveAttribute('href', '/catalog/default/component/user-service');
    const consumers = within(screen.getByRole('table', { name: 'Consumers' }));
    const signup = consumers
      .getByRole('link', { name: /signup-service|Signup service/ })
      .closest('tr')!;
    expect(
      within(signup).getByRole('link', { name: 'growth' }),
    ).toHaveAttribute('href', '/catalog/default/group/growth');
    expect(
      within(signup).getByRole('link', { name: 'notification-service' }),
    ).toBeInTheDocument();
  });

  it('names a consumer the catalog does not have', async () => {
    renderTab(userProvisioningV1, {
      entities: catalogEntities.filter(
        e => e.metadata.name !== 'signup-service',
      ),
    });

    const consumers = within(
      await screen.findByRole('table', { name: 'Consumers' }),
    );
    expect(consumers.getByText('not in the catalog')).toBeInTheDocument();
  });

  it.each([
    [
      'an AsyncAPI definition',
      apiWithDefinition('asyncapi: 2.6.0', 'asyncapi'),
      'Not an OpenAPI definition',
      /spec\.type is "asyncapi"/,
    ],
    [
      'invalid YAML',
      apiWithDefinition('openapi: 3.0.3\npaths: {\n  /a: [\n'),
      'Definition is not valid YAML or JSON',
      /Invalid YAML at line \d+/,
    ],
    [
      'Swagger 2.0',
      apiWithDefinition('swagger: "2.0"\npaths: {}\n'),
      'Swagger 2.0 is not supported',
      /Convert it to OpenAPI 3\.0 or 3\.1/,
    ],
    [
      'a document without openapi',
      apiWithDefinition('info: { title: x }\npaths: {}\n'),
      'Definition is not an OpenAPI 3.0 or 3.1 document',
      /no openapi field/,
    ],
  ])(
    'explains what is wrong with %s and still shows the catalog parts',
    async (_name, entity, title, message) => {
      renderTab(entity);

      const alert = await screen.findByRole('alert');
      expect(within(alert).getByText(title)).toBeInTheDocument();
      expect(within(alert).getByText(message)).toBeInTheDocument();
      expect(
        screen.queryByRole('region', { name: 'Endpoint structure' }),
      ).not.toBeInTheDocument();
      expect(
        screen.getByRole('region', { name: 'Dependency map' }),
      ).toBeInTheDocument();
    },
  );
});

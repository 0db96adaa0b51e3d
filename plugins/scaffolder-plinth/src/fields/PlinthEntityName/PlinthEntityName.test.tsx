import type { Entity } from '@backstage/catalog-model';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { plinthEntityNameFieldExtension } from './fieldExtension';

/*
 * The field inside the scaffolder's own form (Stepper from scaffolder-react: RJSF, the
 * custom-field validation pipeline), as the golden-path template declares it, against an
 * in-memory catalog.
 */

const existing: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'billing-service', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/billing',
    lifecycle: 'production',
  },
};

const manifest = {
  title: 'New service (golden path)',
  steps: [
    {
      title: 'Service',
      schema: {
        required: ['name'],
        properties: {
          name: {
            title: 'Name',
            type: 'string',
            description:
              'The service name: 3-63 lowercase letters, digits and hyphens.',
            'ui:field': 'PlinthEntityName',
            'ui:options': { kind: 'Component' },
          },
        },
      },
    },
  ],
};

async function renderForm() {
  const onCreate = jest.fn(async () => {});
  await renderInTestApp(
    <TestApiProvider
      apis={[[catalogApiRef, catalogApiMock({ entities: [existing] })]]}
    >
      <Stepper
        manifest={manifest}
        extensions={[plinthEntityNameFieldExtension]}
        onCreate={onCreate}
      />
    </TestApiProvider>,
  );
  return {
    onCreate,
    input: await screen.findByRole('textbox', { name: /name/i }),
  };
}

describe('PlinthEntityName in the scaffolder form', () => {
  it('shows the description until something is typed', async () => {
    await renderForm();
    expect(
      screen.getByText(
        'The service name: 3-63 lowercase letters, digits and hyphens.',
      ),
    ).toBeInTheDocument();
  });

  it('explains a broken naming rule while typing', async () => {
    const { input } = await renderForm();
    await userEvent.type(input, 'Invoice');
    expect(
      screen.getByText('Use lowercase letters only: "invoice".'),
    ).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
  });

  it('refuses a name the catalog already has when the step is submitted', async () => {
    const { input, onCreate } = await renderForm();
    await userEvent.type(input, 'billing-service');
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    // RJSF prints custom-validation errors under the field (and in its error list).
    expect(
      await screen.findByText(
        /"billing-service" is taken: the catalog already has component:default\/billing-service \(owned by group:default\/billing\)/,
        { selector: '#root_name__error' },
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Create' }),
    ).not.toBeInTheDocument();
    expect(onCreate).not.toHaveBeenCalled();
  });

  it('lets a free, valid name through to the review step', async () => {
    const { input, onCreate } = await renderForm();
    await userEvent.type(input, 'invoice-search');
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );
    await waitFor(() =>
      expect(onCreate).toHaveBeenCalledWith({ name: 'invoice-search' }),
    );
  });
});

import type { Entity } from '@backstage/catalog-model';
import type { ApiHolder } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { validatePlinthEntityName } from './validation';

const billingService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'billing-service', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/billing',
    lifecycle: 'production',
  },
};

function holder(catalogApi: unknown): ApiHolder {
  return {
    get: (ref: { id: string }) =>
      ref.id === catalogApiRef.id ? catalogApi : undefined,
  } as ApiHolder;
}

async function errorsFor(
  value: string,
  catalogApi: unknown,
  uiOptions?: { kind?: string },
): Promise<string[]> {
  const errors: string[] = [];
  await validatePlinthEntityName(
    value,
    { addError: (message: string) => errors.push(message) } as any,
    {
      apiHolder: holder(catalogApi),
      formData: {},
      schema: {},
      uiSchema: uiOptions ? { 'ui:options': uiOptions } : undefined,
    },
  );
  return errors;
}

describe('validatePlinthEntityName', () => {
  const catalogApi = catalogApiMock({ entities: [billingService] });

  it('accepts a valid name no component has', async () => {
    expect(await errorsFor('invoice-search', catalogApi)).toEqual([]);
  });

  it('refuses a name a component already has, naming it and its owner', async () => {
    expect(await errorsFor('billing-service', catalogApi)).toEqual([
      '"billing-service" is taken: the catalog already has component:default/billing-service (owned by group:default/billing). Choose another name.',
    ]);
  });

  it('checks the kind the template creates', async () => {
    expect(
      await errorsFor('billing-service', catalogApi, { kind: 'System' }),
    ).toEqual([]);
  });

  it('explains the naming rule without asking the catalog', async () => {
    const getEntityByRef = jest.fn();
    expect(
      await errorsFor('Billing', catalogApiMock.mock({ getEntityByRef })),
    ).toEqual(['Use lowercase letters only: "billing".']);
    expect(getEntityByRef).not.toHaveBeenCalled();
  });

  it('blocks when the catalog cannot be asked, saying so', async () => {
    const failing = catalogApiMock.mock({
      getEntityByRef: jest
        .fn()
        .mockRejectedValue(new Error('503 Service Unavailable')),
    });
    expect(await errorsFor('invoice-search', failing)).toEqual([
      'Cannot check whether "invoice-search" is taken (503 Service Unavailable). Try again in a moment.',
    ]);
  });
});

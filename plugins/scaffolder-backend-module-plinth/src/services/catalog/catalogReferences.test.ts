import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  referenceProblems,
  requireReferences,
  takenNames,
} from './catalogReferences';

const entity = (kind: string, name: string, spec = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec,
});

const catalog = catalogServiceMock({
  entities: [
    entity('Group', 'billing'),
    entity('System', 'payments'),
    entity('Component', 'ledger', { owner: 'billing', type: 'service' }),
    entity('Component', 'orphan', { type: 'service' }),
  ],
});
const credentials = mockCredentials.user('user:default/ana');

describe('referenceProblems', () => {
  it('accepts refs with or without kind and namespace when the entity exists', async () => {
    expect(
      await referenceProblems(
        catalog,
        [
          { field: 'Owner', ref: 'billing', kind: 'Group' },
          { field: 'Owner', ref: 'group:billing', kind: 'Group' },
          { field: 'System', ref: 'system:default/payments', kind: 'System' },
        ],
        credentials,
      ),
    ).toEqual([]);
  });

  it('names every wrong value and what to do, in one message', async () => {
    await expect(
      requireReferences(
        catalog,
        [
          { field: 'Owner', ref: 'group:default/nope', kind: 'Group' },
          { field: 'Owner', ref: 'user:default/ana', kind: 'Group' },
          { field: 'System', ref: 'payments', kind: 'System' },
          {
            field: 'Escalation policy',
            ref: 'gone-oncall',
            kind: 'EscalationPolicy',
          },
        ],
        credentials,
      ),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: [
        'group:default/nope is not a group in the catalog: pick an existing group in the Owner field (it lists them), or add group:default/nope to the catalog first',
        'user:default/ana is not a group: the Owner field must name a group of the catalog',
        'escalationpolicy:default/gone-oncall is not an escalation policy in the catalog: pick an existing escalation policy in the Escalation policy field (it lists them), or add escalationpolicy:default/gone-oncall to the catalog first',
      ].join('; '),
    });
  });

  it('says when a value is not an entity reference at all', async () => {
    const [problem] = await referenceProblems(
      catalog,
      [{ field: 'Owner', ref: 'group:', kind: 'Group' }],
      credentials,
    );
    expect(problem).toMatch(
      /^Owner 'group:' is not an entity reference \(.+\): name a group of the catalog, e\.g\. group:default\/name$/,
    );
  });
});

describe('takenNames', () => {
  it('names each entity that exists, and not its owner (the user may not see it)', async () => {
    expect(
      await takenNames(
        catalog,
        [
          'component:default/ledger',
          'component:default/new-service',
          'component:default/orphan',
        ],
        credentials,
      ),
    ).toEqual([
      'component:default/ledger already exists in the catalog: choose another name',
      'component:default/orphan already exists in the catalog: choose another name',
    ]);
  });
});

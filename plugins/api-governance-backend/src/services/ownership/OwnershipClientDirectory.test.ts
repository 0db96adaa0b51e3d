import { mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import type {
  EntityEscalation,
  OwnershipMatrixRow,
} from '@plinth/plugin-ownership-common';
import { OwnershipClientDirectory } from './OwnershipClientDirectory';

const ROW: OwnershipMatrixRow = {
  entityRef: 'component:default/checkout',
  kind: 'Component',
  name: 'checkout',
  ownerRef: 'group:default/web',
  ownerTitle: 'Web',
  policyRef: 'escalationpolicy:default/web',
  policySource: 'owner-group',
  tiers: [
    {
      level: 1,
      name: 'On-call engineer',
      contacts: [{ chat: '#web-oncall' }],
      hours: { type: '24x7' },
      responseMinutes: {},
    },
  ],
  findings: [],
};

async function notFound(): Promise<never> {
  throw await ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'no such entity' },
      }),
      { status: 404, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

describe('OwnershipClientDirectory', () => {
  it('answers the owner and first tier, and asks again only after a minute', async () => {
    let now = 0;
    const asked: string[] = [];
    const directory = new OwnershipClientDirectory({
      logger: mockServices.logger.mock(),
      clock: () => now,
      client: {
        getEntityEscalation: async ref => {
          asked.push(String(ref));
          return { row: ROW, findings: [] } as EntityEscalation;
        },
      },
    });
    await expect(directory.ownershipOf(ROW.entityRef)).resolves.toEqual({
      state: 'known',
      ownerRef: 'group:default/web',
      ownerTitle: 'Web',
      ownerUnknown: false,
      policyRef: 'escalationpolicy:default/web',
      firstTier: ROW.tiers[0],
    });
    now = 59_000;
    await directory.ownershipOf(ROW.entityRef);
    expect(asked).toHaveLength(1);
    now = 61_000;
    await directory.ownershipOf(ROW.entityRef);
    expect(asked).toHaveLength(2);
  });

  it('says unknown for an entity the ownership backend does not know, unavailable when it cannot be asked, warning once', async () => {
    const logger = mockServices.logger.mock();
    const directory = new OwnershipClientDirectory({
      logger,
      client: {
        getEntityEscalation: async ref =>
          String(ref).endsWith('new')
            ? notFound()
            : Promise.reject(new Error('ECONNREFUSED')),
      },
    });
    await expect(
      directory.ownershipOf('component:default/new'),
    ).resolves.toEqual({
      state: 'unknown',
    });
    await expect(directory.ownershipOf('component:default/a')).resolves.toEqual(
      {
        state: 'unavailable',
      },
    );
    await directory.ownershipOf('component:default/b');
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});

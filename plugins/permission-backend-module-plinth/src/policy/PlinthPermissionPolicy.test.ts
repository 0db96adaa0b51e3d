import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { RecordingRootLogger } from '../__testUtils__/recordingRootLogger';
import { plinthPermissionRules } from '../rules';
import { PlinthPermissionPolicy } from './PlinthPermissionPolicy';

const matrixRead = createPermission({
  name: 'ownership.matrix.read',
  attributes: { action: 'read' },
});

describe('PlinthPermissionPolicy', () => {
  // Through HTTP the default auth policy answers 401 before a request without
  // credentials reaches the policy; a request from such a caller must still be denied.
  it('denies a request that carries no user', async () => {
    const logger = new RecordingRootLogger();
    const policy = new PlinthPermissionPolicy({
      rules: plinthPermissionRules,
      exporters: [],
      administrators: [],
      userInfo: mockServices.userInfo(),
      logger,
    });
    expect(await policy.handle({ permission: matrixRead })).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(logger.records).toEqual([
      expect.objectContaining({
        message: 'Permission denied',
        fields: expect.objectContaining({
          principal: 'none',
          rule: 'plinth.read',
        }),
      }),
    ]);
  });

  it('decides with the first rule that matches, so a specific rule wins over the read rule', async () => {
    const policy = new PlinthPermissionPolicy({
      rules: [
        {
          id: 'ownership.matrix.read.nobody',
          description: 'test',
          match: { names: ['ownership.matrix.read'] },
          decide: () => ({ result: AuthorizeResult.DENY }),
        },
        ...plinthPermissionRules,
      ],
      exporters: [],
      administrators: [],
      userInfo: mockServices.userInfo(),
      logger: new RecordingRootLogger(),
    });
    const user = {
      credentials: mockCredentials.user('user:default/ana'),
      info: { userEntityRef: 'user:default/ana', ownershipEntityRefs: [] },
    };
    expect(await policy.handle({ permission: matrixRead }, user)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });
});

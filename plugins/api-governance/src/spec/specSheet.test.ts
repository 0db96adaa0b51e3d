import { parseApiDefinition } from './parseApiDefinition';
import {
  describeSpec,
  operationAnchor,
  operationOfPointer,
  UNTAGGED,
} from './specSheet';
import {
  apiWithDefinition,
  userProvisioningV2,
} from '../testing/catalogFixtures';

const sheetOf = (entity = userProvisioningV2) => {
  const parsed = parseApiDefinition(entity);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return describeSpec(parsed.document);
};

describe('describeSpec', () => {
  it('groups operations by their first tag, in the order the document declares tags', () => {
    const sheet = sheetOf();
    expect(sheet.tagGroups.map(g => g.tag)).toEqual(['users', 'groups']);
    expect(sheet.operationCount).toBe(13);
  });

  it('merges path-level parameters and follows $ref parameters', () => {
    const getUser = sheetOf().tagGroups[0].operations.find(
      o => o.operationId === 'getUser',
    )!;
    expect(getUser.parameters).toContainEqual(
      expect.objectContaining({ name: 'userId', in: 'path', required: true }),
    );
  });

  it('describes OAuth scopes and the security each operation requires', () => {
    const sheet = sheetOf();
    expect(
      sheet.securitySchemes.find(s => s.name === 'serviceClient'),
    ).toMatchObject({
      summary:
        'OAuth 2.0 (clientCredentials), token from https://auth.plinth.internal/oauth2/token',
      scopes: expect.arrayContaining([
        {
          name: 'users.write',
          description: 'Create, change and delete user accounts.',
        },
      ]),
    });
    const createUser = sheet.tagGroups[0].operations.find(
      o => o.operationId === 'createUser',
    )!;
    expect(createUser.security).toEqual({
      inherited: false,
      alternatives: [[{ scheme: 'serviceClient', scopes: ['users.write'] }]],
    });
  });

  it('lists untagged operations under their own heading and reads examples', () => {
    const sheet = sheetOf(
      apiWithDefinition(`openapi: 3.1.0
paths:
  /ping:
    get:
      security: []
      responses:
        '200':
          description: pong
          content:
            application/json:
              examples:
                ok: { summary: Healthy, value: { status: ok } }
`),
    );
    const [group] = sheet.tagGroups;
    expect(group.tag).toBe(UNTAGGED);
    const ping = group.operations[0];
    expect(ping.security).toEqual({ inherited: false, alternatives: [] });
    expect(ping.responses[0].content[0].examples).toEqual([
      { name: 'Healthy', value: { status: 'ok' } },
    ]);
  });
});

describe('operationAnchor', () => {
  it('is readable in a URL', () => {
    expect(operationAnchor('GET', '/users/{userId}')).toBe(
      'operation-get-users-userId',
    );
    expect(operationAnchor('get', '/')).toBe('operation-get-root');
  });
});

describe('operationOfPointer', () => {
  it('finds the operation a pointer points into', () => {
    expect(
      operationOfPointer('/paths/~1users~1{userId}/patch/responses/400'),
    ).toEqual({ method: 'patch', path: '/users/{userId}' });
  });

  it('is undefined outside operations', () => {
    expect(operationOfPointer('/components/schemas/User')).toBeUndefined();
    expect(operationOfPointer('/paths/~1users/parameters')).toBeUndefined();
  });
});

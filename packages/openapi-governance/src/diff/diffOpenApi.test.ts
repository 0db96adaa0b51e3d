import { loadSpec } from '../load/loadSpec';
import { exampleFile } from '../testing/openApiFixtures';
import { diffOpenApi } from './diffOpenApi';
import { CHANGE_SEVERITIES } from './types';

describe('diffOpenApi on user-provisioning v1 -> v2', () => {
  const run = async (options = {}) =>
    diffOpenApi(
      await loadSpec(exampleFile('user-provisioning-v1.yaml')),
      await loadSpec(exampleFile('user-provisioning-v2.yaml')),
      { now: new Date('2026-11-30T00:00:00Z'), ...options },
    );
  const has = (
    changes: Awaited<ReturnType<typeof run>>,
    id: string,
    method: string,
    path: string,
    text: string,
  ) =>
    changes.some(
      c =>
        c.id === id &&
        c.location.method === method &&
        c.location.path === path &&
        c.message.includes(text),
    );

  it('finds the breaking changes the v2 description lists', async () => {
    const changes = await run();
    // email -> primaryEmail, active -> status
    expect(
      has(
        changes,
        'response-property-removed',
        'get',
        '/users/{userId}',
        'Property email',
      ),
    ).toBe(true);
    expect(
      has(
        changes,
        'response-property-removed',
        'get',
        '/users/{userId}',
        'Property active',
      ),
    ).toBe(true);
    // externalId required on create
    expect(
      has(
        changes,
        'new-required-request-property',
        'post',
        '/users',
        'externalId',
      ),
    ).toBe(true);
    expect(
      has(
        changes,
        'new-required-request-property',
        'post',
        '/users',
        'primaryEmail',
      ),
    ).toBe(true);
    // startIndex/count paging gone from the list bodies
    expect(
      has(
        changes,
        'response-property-removed',
        'get',
        '/users',
        'totalResults',
      ),
    ).toBe(true);
    // merge patch + If-Match
    expect(
      has(
        changes,
        'request-media-type-removed',
        'patch',
        '/users/{userId}',
        'application/json',
      ),
    ).toBe(true);
    expect(
      has(
        changes,
        'new-required-parameter',
        'patch',
        '/users/{userId}',
        'If-Match',
      ),
    ).toBe(true);
    // members no longer embedded in the group
    expect(
      has(
        changes,
        'response-property-removed',
        'get',
        '/groups/{groupId}',
        'members',
      ),
    ).toBe(true);
    // password reset removed (deprecated, but the document carries no sunset date)
    expect(
      has(
        changes,
        'deprecated-operation-removed',
        'post',
        '/users/{userId}/password-reset',
        'no sunset date',
      ),
    ).toBe(true);
    // 1.4.2 -> 2.1.0 is a major bump: no version finding
    expect(
      changes.some(c => c.id === 'breaking-change-without-major-bump'),
    ).toBe(false);
  });

  it('with the catalog sunset date (2027-03-31) the password-reset removal is breaking', async () => {
    const changes = await run({ sunsetAt: '2027-03-31' });
    expect(
      has(
        changes,
        'operation-removed-before-sunset',
        'post',
        '/users/{userId}/password-reset',
        '2027-03-31',
      ),
    ).toBe(true);
  });

  it('lists the new operations as non-breaking', async () => {
    const added = (await run())
      .filter(c => c.id === 'operation-added')
      .map(c => `${c.location.method} ${c.location.path}`);
    expect(added).toEqual([
      'get /groups/{groupId}/members',
      'put /groups/{groupId}/members/{userId}',
      'delete /groups/{groupId}/members/{userId}',
    ]);
  });

  it('sorts breaking first, then by path, method and pointer, and is deterministic', async () => {
    const first = await run();
    const ranks = first.map(c => CHANGE_SEVERITIES.indexOf(c.severity));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(await run()).toEqual(first);
  });

  it('finds nothing between a document and itself', async () => {
    const v2 = await loadSpec(exampleFile('user-provisioning-v2.yaml'));
    expect(diffOpenApi(v2, v2)).toEqual([]);
  });
});

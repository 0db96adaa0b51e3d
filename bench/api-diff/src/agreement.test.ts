import type { Change } from '@plinth/openapi-governance';
import { OasdiffFinding, compareWithOasdiff } from './agreement';
import { oasdiffCategory } from './categories';

const plinth = (
  id: Change['id'],
  severity: Change['severity'],
  method: string,
  path: string,
  pointer = '/components/schemas/x',
): Change => ({
  id,
  severity,
  location: { path, method, pointer, document: 'head' },
  message: `${id} on ${method} ${path}`,
});
const oasdiff = (
  id: string,
  level: number,
  operation: string,
  path: string,
): OasdiffFinding => ({ id, level, operation, path, text: id });

describe('oasdiffCategory', () => {
  it.each([
    ['api-path-removed-without-deprecation', 'operation-removed'],
    ['response-success-status-removed', 'response-removed'],
    ['new-required-request-parameter', 'parameter-required'],
    ['request-property-became-required', 'request-property-required'],
    ['response-property-became-nullable', 'type-changed'],
    ['response-property-enum-value-added', 'enum-changed'],
    ['request-property-max-length-set', 'constraint-changed'],
    ['response-required-property-removed', 'property-removed'],
    ['response-optional-property-removed', 'property-removed'],
    ['request-body-removed', 'request-body-removed'],
    ['response-property-one-of-added', 'composition-changed'],
    ['response-body-wrapped-in-one-of', 'composition-changed'],
    ['response-media-type-name-generalized', 'media-type-removed'],
    ['response-media-type-name-specialized', 'other'],
    ['api-security-removed', 'security-changed'],
  ])('maps %s to %s', (id, category) => {
    expect(oasdiffCategory(id)).toBe(category);
  });
});

describe('compareWithOasdiff', () => {
  it('matches by operation (path parameters renamed) and category, once per key', () => {
    const result = compareWithOasdiff(
      [
        plinth('type-changed', 'breaking', 'get', '/users/{id}'),
        plinth('type-changed', 'breaking', 'get', '/users/{id}'),
        plinth('operation-removed', 'breaking', 'delete', '/users/{id}'),
      ],
      [
        oasdiff(
          'response-property-became-nullable',
          3,
          'GET',
          '/users/{userId}',
        ),
        oasdiff(
          'api-path-removed-without-deprecation',
          3,
          'DELETE',
          '/users/{userId}',
        ),
      ],
    );
    expect(result).toMatchObject({
      plinth: 2,
      oasdiff: 2,
      both: 2,
      agreement: 1,
    });
  });

  it('tells a severity policy difference from a change the other tool does not report', () => {
    const result = compareWithOasdiff(
      [
        plinth('response-property-removed', 'breaking', 'get', '/a'),
        plinth('response-property-removed', 'breaking', 'get', '/b'),
      ],
      [oasdiff('response-optional-property-removed', 1, 'GET', '/a')],
    );
    expect(result.agreement).toBe(0);
    expect(result.byCategory['property-removed']).toMatchObject({
      plinthOnly: 2,
      plinthOnlyLowerInOasdiff: 1,
      examples: {
        plinthOnlyLowerInOasdiff: {
          key: 'GET /a property-removed',
          oasdiffId: 'response-optional-property-removed',
        },
        plinthOnly: { key: 'GET /b property-removed' },
      },
    });
  });

  it("lists every key one tool found alone, with the other tool's lower rule id", () => {
    const result = compareWithOasdiff(
      [
        plinth('response-property-removed', 'breaking', 'get', '/b'),
        plinth('type-changed', 'breaking', 'get', '/a'),
      ],
      [
        oasdiff('response-optional-property-removed', 1, 'GET', '/b'),
        oasdiff('request-body-removed', 3, 'GET', '/c'),
      ],
    );
    expect(result.disagreements).toEqual([
      {
        key: 'GET /a type-changed',
        foundBy: 'plinth',
        id: 'type-changed',
        text: 'type-changed on get /a',
      },
      {
        key: 'GET /b property-removed',
        foundBy: 'plinth',
        id: 'response-property-removed',
        text: 'response-property-removed on get /b',
        lowerId: 'response-optional-property-removed',
      },
      {
        key: 'GET /c request-body-removed',
        foundBy: 'oasdiff',
        id: 'request-body-removed',
        text: 'request-body-removed',
      },
    ]);
  });

  it('counts potentially breaking and WARN only in the wider scope', () => {
    const changes = [
      plinth('parameter-removed', 'potentially-breaking', 'get', '/a'),
    ];
    const findings = [oasdiff('request-parameter-removed', 2, 'GET', '/a')];
    expect(compareWithOasdiff(changes, findings).both).toBe(0);
    expect(
      compareWithOasdiff(changes, findings, 'breaking-or-potentially').both,
    ).toBe(1);
  });

  it('ignores document-level findings, which have no operation', () => {
    const version: Change = {
      id: 'breaking-change-without-major-bump',
      severity: 'breaking',
      location: { path: '', pointer: '/info/version', document: 'head' },
      message: 'no major bump',
    };
    expect(compareWithOasdiff([version], []).plinth).toBe(0);
  });
});

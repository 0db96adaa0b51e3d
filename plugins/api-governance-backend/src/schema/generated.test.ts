import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DefaultApiClient } from '@plinth/plugin-api-governance-common';
import { parse } from 'yaml';
import { spec } from './openapi/generated/router';

/*
 * The router and the client are generated from openapi.yaml (see plugins/README.md). These
 * checks run offline in `make test` and fail when someone edits the spec without
 * regenerating. Regenerating itself needs Java and, the first time, the generator jar from
 * Maven Central, so the byte-for-byte check is a separate script: `yarn openapi:verify`.
 */

async function loadSpec() {
  return parse(
    await readFile(resolve(__dirname, 'openapi.yaml'), 'utf8'),
  ) as typeof spec;
}

describe('generated OpenAPI code', () => {
  it('serves exactly the spec in openapi.yaml (the router validates against it)', async () => {
    // Same comparison as `backstage-repo-tools repo schema openapi validate`.
    expect(spec).toEqual(await loadSpec());
  });

  it('gives the api-governance-common client one method per operation of the spec', async () => {
    const { paths } = await loadSpec();
    const operations = Object.values(paths)
      .flatMap(path => Object.values(path as Record<string, unknown>))
      .map(op => (op as { operationId: string }).operationId)
      .map(id => id.charAt(0).toLocaleLowerCase('en-US') + id.slice(1))
      .sort();
    const methods = Object.getOwnPropertyNames(DefaultApiClient.prototype)
      .filter(name => name !== 'constructor')
      .sort();
    expect(methods).toEqual(operations);
  });
});

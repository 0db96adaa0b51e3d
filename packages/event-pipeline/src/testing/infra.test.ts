import { readFileSync } from 'node:fs';
import path from 'node:path';
import { INGESTER_NODE_FLAGS, PACKAGE_ROOT } from './infra';

describe('INGESTER_NODE_FLAGS', () => {
  it('matches the flags of the ingester script, so tests and benchmarks run what users run', () => {
    const pkg = JSON.parse(
      readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'),
    );
    for (const flag of INGESTER_NODE_FLAGS) {
      expect(pkg.scripts.ingester).toContain(flag);
    }
  });
});

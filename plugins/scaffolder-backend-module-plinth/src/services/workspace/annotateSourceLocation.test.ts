import { promises as fs } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { annotateSourceLocation } from './annotateSourceLocation';

describe('annotateSourceLocation', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(join(os.tmpdir(), 'annotate-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('annotates every entity, keeps comments, and leaves set annotations alone', async () => {
    const file = join(dir, 'catalog-info.yaml');
    await fs.writeFile(
      file,
      [
        '# The service',
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: svc # its name',
        'spec: {}',
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: API',
        'metadata:',
        '  name: svc-api',
        '  annotations:',
        '    backstage.io/source-location: url:http://elsewhere/',
        'spec: {}',
        '',
      ].join('\n'),
    );
    expect(
      await annotateSourceLocation(file, 'http://h/svc/tree/main/'),
    ).toEqual(['component:svc']);
    const text = await fs.readFile(file, 'utf8');
    expect(text).toContain('# The service');
    expect(text).toContain('name: svc # its name');
    expect(text).toContain(
      'annotations:\n    backstage.io/source-location: url:http://h/svc/tree/main/',
    );
    expect(text).toContain(
      'backstage.io/source-location: url:http://elsewhere/',
    );
  });

  it('leaves a file that does not parse as it is', async () => {
    const file = join(dir, 'catalog-info.yaml');
    await fs.writeFile(file, 'kind: [unclosed\n');
    expect(await annotateSourceLocation(file, 'http://h/')).toEqual([]);
    expect(await fs.readFile(file, 'utf8')).toBe('kind: [unclosed\n');
  });
});

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';

/** The repository root, from this file (src/templates/__testUtils__). */
export const REPO_ROOT = resolve(__dirname, '../../../../..');
export const TEMPLATES_DIR = resolve(REPO_ROOT, 'examples/templates');

/**
 * The example catalog as `make start` registers it (examples/all.yaml and, with
 * `withPortal`, the portal's own catalog-info.yaml), following Location targets the way
 * the catalog does: the real groups, systems, policies and components.
 */
export async function loadExampleCatalog(
  options: { withPortal?: boolean } = {},
): Promise<Entity[]> {
  const roots = [resolve(REPO_ROOT, 'examples/all.yaml')];
  if (options.withPortal) {
    roots.push(resolve(REPO_ROOT, 'catalog-info.yaml'));
  }
  const entities: Entity[] = [];
  const visit = async (file: string) => {
    for (const doc of (await readYamlDocuments(file)) as Entity[]) {
      if (doc.kind === 'Location') {
        for (const target of (doc.spec?.targets as string[]) ?? []) {
          const path = resolve(dirname(file), target);
          // A target that does not exist yet is an error the catalog logs and skips.
          if (existsSync(path)) {
            await visit(path);
          }
        }
        continue;
      }
      entities.push({
        ...doc,
        metadata: { namespace: 'default', ...doc.metadata },
      });
    }
  };
  for (const root of roots) {
    await visit(root);
  }
  return entities;
}

export async function readYamlDocuments(path: string): Promise<unknown[]> {
  const text = await readFile(path, 'utf8');
  return parseAllDocuments(text).map(doc => {
    if (doc.errors.length > 0) {
      throw new Error(`${path}: ${doc.errors[0].message}`);
    }
    return doc.toJS();
  });
}

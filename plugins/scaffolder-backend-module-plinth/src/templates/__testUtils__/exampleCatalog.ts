import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';

/** The repository root, from this file (src/templates/__testUtils__). */
export const REPO_ROOT = resolve(__dirname, '../../../../..');
export const TEMPLATES_DIR = resolve(REPO_ROOT, 'examples/templates');

/**
 * The example catalog as `make start` registers it (examples/all.yaml and its targets):
 * the real groups, systems, escalation policies and components the templates pick from.
 */
export async function loadExampleCatalog(): Promise<Entity[]> {
  const location = await readYamlDocuments(
    resolve(REPO_ROOT, 'examples/all.yaml'),
  );
  const targets = (location[0] as { spec: { targets: string[] } }).spec.targets;
  const entities: Entity[] = [];
  for (const target of targets) {
    const docs = await readYamlDocuments(
      resolve(REPO_ROOT, 'examples', target),
    );
    entities.push(
      ...(docs as Entity[]).map(entity => ({
        ...entity,
        metadata: { namespace: 'default', ...entity.metadata },
      })),
    );
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

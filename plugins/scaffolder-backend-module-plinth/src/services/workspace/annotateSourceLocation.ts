import { ANNOTATION_SOURCE_LOCATION } from '@backstage/catalog-model';
import { promises as fs } from 'node:fs';
import { parseAllDocuments } from 'yaml';

/**
 * Sets `backstage.io/source-location` on every entity of a catalog file that does not set it
 * already, so the entity's "View source" opens its repository on the git host. The catalog
 * derives this annotation only for hosts with a Backstage SCM integration, and the local git
 * host has none. Comments and layout are kept. Returns the refs that were annotated; a file
 * that does not parse is left alone (registering it reports the error).
 */
export async function annotateSourceLocation(
  file: string,
  sourceUrl: string,
): Promise<string[]> {
  const text = await fs.readFile(file, 'utf8');
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.some(doc => doc.errors.length > 0)) {
    return [];
  }
  const annotated: string[] = [];
  for (const doc of docs) {
    const kind = doc.getIn(['kind']);
    const name = doc.getIn(['metadata', 'name']);
    if (typeof kind !== 'string' || typeof name !== 'string') continue;
    if (kind === 'Location') continue;
    const path = ['metadata', 'annotations', ANNOTATION_SOURCE_LOCATION];
    if (doc.hasIn(path)) continue;
    doc.setIn(path, `url:${sourceUrl}`);
    annotated.push(`${kind.toLocaleLowerCase('en-US')}:${name}`);
  }
  if (annotated.length > 0) {
    await fs.writeFile(file, docs.map(doc => doc.toString()).join(''));
  }
  return annotated;
}

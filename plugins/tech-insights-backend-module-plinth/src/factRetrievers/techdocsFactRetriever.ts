import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { FactRetriever } from '@backstage-community/plugin-tech-insights-node';
import { parse } from 'yaml';
import { CatalogReader } from '../services/CatalogReader';
import { reasonOf } from '../services/pluginFetch';
import type { SourceReader } from '../services/SourceReader';
import { factEntityOf } from './entityRefs';
import { FACT_RETRIEVER_IDS } from './ids';

export const TECHDOCS_REF_ANNOTATION = 'backstage.io/techdocs-ref';
const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';
const RUNBOOK = /runbook/i;

/** Every page title and file of an mkdocs nav (strings, `{title: file}`, nested lists). */
export function navEntries(nav: unknown): string[] {
  if (typeof nav === 'string') {
    return [nav];
  }
  if (Array.isArray(nav)) {
    return nav.flatMap(navEntries);
  }
  if (nav && typeof nav === 'object') {
    return Object.entries(nav).flatMap(([title, value]) => [
      title,
      ...navEntries(value),
    ]);
  }
  return [];
}

/**
 * Where the runbook is, decided from mkdocs.yml: a nav entry whose title or file mentions
 * "runbook". Without a nav, mkdocs lists every page of docs_dir, so a page file named
 * runbook.md in docs_dir counts. Undefined when there is none.
 */
export async function findRunbook(
  mkdocsText: string,
  readDocsFile: (path: string) => Promise<string | undefined>,
): Promise<string | undefined> {
  // mkdocs files may carry Python tags (!!python/name:...); they do not matter here.
  const mkdocs = (parse(mkdocsText, { logLevel: 'silent' }) ?? {}) as {
    nav?: unknown;
    docs_dir?: unknown;
  };
  if (mkdocs.nav !== undefined) {
    return navEntries(mkdocs.nav).find(entry => RUNBOOK.test(entry));
  }
  const docsDir =
    typeof mkdocs.docs_dir === 'string' ? mkdocs.docs_dir : 'docs';
  const path = `${docsDir}/runbook.md`;
  return (await readDocsFile(path)) !== undefined ? path : undefined;
}

/** The docs directory a `backstage.io/techdocs-ref` points at, relative to the catalog file. */
function docsDirOf(techdocsRef: string): string | undefined {
  const match = /^dir:(.+)$/.exec(techdocsRef.trim());
  return match ? match[1].trim().replace(/\/+$/, '') || '.' : undefined;
}

/**
 * TechDocs facts for components: the techdocs-ref annotation, and whether the docs have a
 * runbook page, read from mkdocs.yml next to the docs (through the SourceReader).
 */
export function createTechDocsFactRetriever(options: {
  catalog: Pick<CatalogService, 'getEntities'>;
  sourceReader: SourceReader;
}): FactRetriever {
  return {
    id: FACT_RETRIEVER_IDS.techdocs,
    version: '0.1.0',
    title: 'Plinth TechDocs facts',
    description: 'TechDocs present, and a runbook page in the docs navigation.',
    entityFilter: [{ kind: 'Component' }],
    schema: {
      techdocsRef: {
        type: 'string',
        description: 'backstage.io/techdocs-ref ("" when missing)',
      },
      hasTechDocs: {
        type: 'boolean',
        description:
          'backstage.io/techdocs-ref is set and mkdocs.yml was found',
      },
      hasRunbook: {
        type: 'boolean',
        description: 'The docs navigation has a runbook page',
      },
      runbook: {
        type: 'string',
        description:
          'The nav entry or file found for the runbook, or why none was found',
      },
    },
    async handler({ auth, logger }) {
      const reader = new CatalogReader(options.catalog, auth);
      const components = await reader.entities({ kind: 'Component' }, [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
      ]);
      const readRunbook = async (entity: Entity, ref: string) => {
        const location = entity.metadata.annotations?.[MANAGED_BY_LOCATION];
        const dir = docsDirOf(ref);
        if (!location || !dir) {
          // url: refs point at another repository; reading them needs its integration.
          return {
            found: false,
            runbook: `cannot read docs for techdocs-ref "${ref}" (only dir: refs next to the catalog file are read)`,
          };
        }
        const read = (path: string) =>
          options.sourceReader.readSibling(location, `${dir}/${path}`);
        const mkdocs =
          (await read('mkdocs.yml')) ?? (await read('mkdocs.yaml'));
        if (mkdocs === undefined) {
          return { found: false, runbook: `no mkdocs.yml in ${dir}` };
        }
        const runbook = await findRunbook(mkdocs, read);
        return {
          found: true,
          runbook: runbook ?? 'no runbook page in the mkdocs nav',
          hasRunbook: runbook !== undefined,
        };
      };
      const facts = [];
      for (const entity of components) {
        const ref =
          entity.metadata.annotations?.[TECHDOCS_REF_ANNOTATION] ?? '';
        let docs: { found: boolean; runbook: string; hasRunbook?: boolean } = {
          found: false,
          runbook: 'no backstage.io/techdocs-ref annotation',
        };
        if (ref) {
          try {
            docs = await readRunbook(entity, ref);
          } catch (error) {
            // One unreadable repository must not cost every other component its facts.
            logger.warn('Could not read the docs of a component', {
              entity: factEntityOf(entity).name,
              reason: reasonOf(error),
            });
            docs = {
              found: false,
              runbook: `docs not readable: ${reasonOf(error)}`,
            };
          }
        }
        facts.push({
          entity: factEntityOf(entity),
          facts: {
            techdocsRef: ref,
            hasTechDocs: ref !== '' && docs.found,
            hasRunbook: docs.hasRunbook ?? false,
            runbook: docs.runbook,
          },
        });
      }
      return facts;
    },
  };
}

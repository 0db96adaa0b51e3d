import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { FactRetriever } from '@backstage-community/plugin-tech-insights-node';
import { CatalogReader } from '../services/CatalogReader';
import { reasonOf } from '../services/pluginFetch';
import type { SourceReader } from '../services/SourceReader';
import { factEntityOf, namespaceOf, refKeyOf, resolveRef } from './entityRefs';
import { FACT_RETRIEVER_IDS } from './ids';
import {
  changesSince,
  compareVersions,
  parseChangelog,
} from './templateChangelog';

export const TEMPLATE_ANNOTATION = 'plinth.dev/template';
export const TEMPLATE_VERSION_ANNOTATION = 'plinth.dev/template-version';
const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';

/**
 * Template facts for components created from a golden-path template: the version they
 * came from against the template's current `plinth.dev/template-version`, and, when behind,
 * the CHANGELOG.md sections in between (read next to the template's template.yaml).
 * Components without `plinth.dev/template` get no row: the check does not apply.
 */
export function createTemplateFactRetriever(options: {
  catalog: Pick<CatalogService, 'getEntities'>;
  sourceReader: SourceReader;
}): FactRetriever {
  return {
    id: FACT_RETRIEVER_IDS.template,
    version: '0.1.0',
    title: 'Plinth template facts',
    description:
      'Created from the current version of its golden-path template.',
    entityFilter: [{ kind: 'Component' }],
    schema: {
      templateRef: {
        type: 'string',
        description: 'The template the component came from',
      },
      templateVersion: {
        type: 'string',
        description: 'plinth.dev/template-version of the component',
      },
      templateCurrentVersion: {
        type: 'string',
        description:
          'The template\'s current plinth.dev/template-version ("" when unknown)',
      },
      templateUpToDate: {
        type: 'boolean',
        description:
          'The component is on the current template version (or newer)',
      },
      templateChanges: {
        type: 'object',
        description:
          'When behind: the CHANGELOG.md releases since, newest first ({version, changes})',
      },
      templateNote: {
        type: 'string',
        description: 'What could not be read ("" when everything was)',
      },
    },
    async handler({ auth, logger }) {
      const reader = new CatalogReader(options.catalog, auth);
      const [components, templates] = await Promise.all([
        reader.entities({ kind: 'Component' }, [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ]),
        reader.entities({ kind: 'Template' }, [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ]),
      ]);
      const templatesByRef = new Map(templates.map(t => [refKeyOf(t), t]));
      // Each template's CHANGELOG.md is read once per run, however many components use it.
      const changelogs = new Map<
        string,
        Promise<ReturnType<typeof parseChangelog> | string>
      >();
      const changelogOf = (template: Entity) => {
        const key = refKeyOf(template);
        if (!changelogs.has(key)) {
          const location = template.metadata.annotations?.[MANAGED_BY_LOCATION];
          changelogs.set(
            key,
            (async () => {
              if (!location) {
                return `template ${key} has no ${MANAGED_BY_LOCATION}`;
              }
              try {
                const text = await options.sourceReader.readSibling(
                  location,
                  'CHANGELOG.md',
                );
                return text === undefined
                  ? `no CHANGELOG.md next to ${location}`
                  : parseChangelog(text);
              } catch (error) {
                logger.warn('Could not read a template changelog', {
                  template: key,
                  reason: reasonOf(error),
                });
                return `CHANGELOG.md not readable: ${reasonOf(error)}`;
              }
            })(),
          );
        }
        return changelogs.get(key)!;
      };

      const facts = [];
      for (const component of components) {
        const annotations = component.metadata.annotations ?? {};
        const raw = annotations[TEMPLATE_ANNOTATION];
        if (!raw) {
          continue;
        }
        const templateRef =
          resolveRef(raw, 'Template', namespaceOf(component)) ?? raw;
        const version = (annotations[TEMPLATE_VERSION_ANNOTATION] ?? '').trim();
        const template = templatesByRef.get(templateRef);
        const current = (
          template?.metadata.annotations?.[TEMPLATE_VERSION_ANNOTATION] ?? ''
        ).trim();
        const notes: string[] = [];
        if (!template) {
          notes.push(`template ${templateRef} is not in the catalog`);
        } else if (!current) {
          notes.push(
            `template ${templateRef} has no ${TEMPLATE_VERSION_ANNOTATION}`,
          );
        }
        if (!version) {
          notes.push(
            `${TEMPLATE_VERSION_ANNOTATION} is missing on the component`,
          );
        }
        const order =
          version && current ? compareVersions(version, current) : undefined;
        const upToDate = order !== undefined && order >= 0;
        let changes: Array<{ version: string; changes: string }> = [];
        if (template && order !== undefined && order < 0) {
          const changelog = await changelogOf(template);
          if (typeof changelog === 'string') {
            notes.push(changelog);
          } else {
            changes = changesSince(changelog, version, current);
          }
        } else if (version && current && order === undefined) {
          notes.push(`"${version}" or "${current}" is not a x.y.z version`);
        }
        facts.push({
          entity: factEntityOf(component),
          facts: {
            templateRef,
            templateVersion: version,
            templateCurrentVersion: current,
            templateUpToDate: upToDate,
            templateChanges: changes,
            templateNote: notes.join('; '),
          },
        });
      }
      return facts;
    },
  };
}

import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { FactRetriever } from '@backstage-community/plugin-tech-insights-node';
import type { PlinthFactChecker } from '../checks/PlinthFactCheckerFactory';
import { CatalogReader } from '../services/CatalogReader';
import { reasonOf } from '../services/pluginFetch';
import { factEntityOf, namespaceOf, refKeyOf, resolveRef } from './entityRefs';
import { FACT_RETRIEVER_IDS } from './ids';

/** Per check: of the team's components the check applied to, how many passed. */
export type TeamCheckCounts = Record<
  string,
  { passed: number; evaluated: number }
>;

// As wide as Tech Insights' own bulk route (checksRunConcurrency 100): the checker's fact
// reads of one turn are batched into one query, so a wider window means fewer queries.
const CONCURRENCY = 100;

/**
 * The scorecard's trend: once per run, every team's components are scored with the live
 * checker and the per-check pass counts are stored as one fact row on the team's Group.
 * Tech Insights keeps the rows (lifecycle from config), and the Adoption page reads them
 * back with GET /facts/range: % passing per team per day without re-running old checks.
 */
export function createAdoptionTrendFactRetriever(options: {
  catalog: Pick<CatalogService, 'getEntities'>;
  checker: () => PlinthFactChecker | undefined;
}): FactRetriever {
  return {
    id: FACT_RETRIEVER_IDS.adoptionTrend,
    version: '0.1.0',
    title: 'Plinth adoption trend',
    description: "Each team's scorecard pass counts, one row per run.",
    entityFilter: [{ kind: 'Group' }],
    schema: {
      components: {
        type: 'integer',
        description: 'Components the team owns',
      },
      scoredAt: {
        type: 'string',
        description:
          'When this run scored the team (ISO 8601). The row has a timestamp too, but Tech Insights 3.1.0 returns it as null from /facts/range on SQLite, and the trend needs the day.',
      },
      checks: {
        type: 'object',
        description:
          "Per check id: { passed, evaluated } over the team's components",
      },
      passed: {
        type: 'integer',
        description: 'Passing results over all checks',
      },
      evaluated: {
        type: 'integer',
        description: 'Evaluated results over all checks',
      },
    },
    async handler({ auth, logger }) {
      const checker = options.checker();
      if (!checker) {
        throw new Error(
          'The Plinth fact checker is not built yet; the trend runs on the next schedule',
        );
      }
      const reader = new CatalogReader(options.catalog, auth);
      const [groups, components] = await Promise.all([
        reader.entities({ kind: 'Group' }, [
          'kind',
          'metadata.name',
          'metadata.namespace',
        ]),
        reader.entities({ kind: 'Component' }, [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'spec.owner',
        ]),
      ]);
      const byTeam = new Map<
        string,
        { components: number; checks: TeamCheckCounts }
      >(groups.map(g => [refKeyOf(g), { components: 0, checks: {} }]));
      let failures = 0;
      const score = async (component: Entity) => {
        const team = byTeam.get(
          resolveRef(component.spec?.owner, 'Group', namespaceOf(component)) ??
            '',
        );
        if (!team) {
          return;
        }
        team.components += 1;
        try {
          const results = await checker.runChecks(
            stringifyEntityRef(component),
          );
          for (const result of results) {
            const counts = (team.checks[result.check.id] ??= {
              passed: 0,
              evaluated: 0,
            });
            counts.evaluated += 1;
            counts.passed += result.result === true ? 1 : 0;
          }
        } catch (error) {
          failures += 1;
          logger.warn('Could not score a component for the adoption trend', {
            entityRef: stringifyEntityRef(component),
            reason: reasonOf(error),
          });
        }
      };
      // Bounded concurrency: the entities of one window share one batched fact read.
      for (let i = 0; i < components.length; i += CONCURRENCY) {
        await Promise.all(components.slice(i, i + CONCURRENCY).map(score));
      }
      logger.info('Adoption trend scored', {
        teams: byTeam.size,
        components: components.length,
        failures,
      });
      const scoredAt = new Date().toISOString();
      return groups.map(group => {
        const team = byTeam.get(refKeyOf(group))!;
        const totals = Object.values(team.checks);
        return {
          entity: factEntityOf(group),
          facts: {
            scoredAt,
            components: team.components,
            checks: team.checks,
            passed: totals.reduce((sum, c) => sum + c.passed, 0),
            evaluated: totals.reduce((sum, c) => sum + c.evaluated, 0),
          },
        };
      });
    },
  };
}

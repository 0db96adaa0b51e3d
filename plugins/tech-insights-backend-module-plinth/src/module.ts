import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  techInsightsFactCheckerFactoryExtensionPoint,
  techInsightsFactRetrieversExtensionPoint,
} from '@backstage-community/plugin-tech-insights-node';
import { PlinthFactCheckerFactory } from './checks/PlinthFactCheckerFactory';
import { PLINTH_CHECKS } from './checks/plinthChecks';
import { createAdoptionTrendFactRetriever } from './factRetrievers/adoptionTrendFactRetriever';
import { createApiFactRetriever } from './factRetrievers/apiFactRetriever';
import { createCatalogFactRetriever } from './factRetrievers/catalogFactRetriever';
import {
  createEscalationFactRetriever,
  createOwnershipMatrixSource,
} from './factRetrievers/escalationFactRetriever';
import { createPipelineAnnotationsFactRetriever } from './factRetrievers/pipelineAnnotationsFactRetriever';
import {
  createPipelineHealthFactRetriever,
  createPipelineHealthSource,
} from './factRetrievers/pipelineHealthFactRetriever';
import { createTechDocsFactRetriever } from './factRetrievers/techdocsFactRetriever';
import { createTemplateFactRetriever } from './factRetrievers/templateFactRetriever';
import { createApiGovernanceSource } from './services/ApiGovernanceSource';
import { DefaultSourceReader } from './services/SourceReader';

/**
 * Plinth's adoption scorecard on the Tech Insights backend: the fact retrievers (each
 * scheduled by its `techInsights.factRetrievers.<id>` config) and the checks, evaluated by
 * the json-rules-engine checker. Wiring only; each retriever lives in factRetrievers/.
 */
export const techInsightsModulePlinth = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'plinth',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        // The Tech Insights plugin's own database (a module shares it): batched fact reads.
        database: coreServices.database,
        logger: coreServices.logger,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
        retrievers: techInsightsFactRetrieversExtensionPoint,
        checkers: techInsightsFactCheckerFactoryExtensionPoint,
      },
      async init({
        config,
        database,
        logger,
        urlReader,
        catalog,
        retrievers,
        checkers,
      }) {
        const sourceReader = new DefaultSourceReader(urlReader);
        const factories = [
          createCatalogFactRetriever({ catalog }),
          createEscalationFactRetriever({
            source: createOwnershipMatrixSource,
          }),
          createTechDocsFactRetriever({ catalog, sourceReader }),
          createPipelineAnnotationsFactRetriever({ catalog }),
          createPipelineHealthFactRetriever({
            catalog,
            source: createPipelineHealthSource,
          }),
          createApiFactRetriever({
            catalog,
            governance: createApiGovernanceSource,
          }),
          createTemplateFactRetriever({ catalog, sourceReader }),
        ];
        // Tech Insights schedules only retrievers with a config entry; a check over an
        // unscheduled retriever would make every run of the checks fail ("Not all facts
        // are defined"), so such checks are left out, loudly.
        const configured = new Set(
          config.getOptionalConfig('techInsights.factRetrievers')?.keys() ?? [],
        );
        const checks = PLINTH_CHECKS.filter(check => {
          const missing = check.factIds.filter(id => !configured.has(id));
          if (missing.length > 0) {
            logger.warn(
              'Adoption check left out: its fact retriever is not configured',
              {
                check: check.id,
                missing: missing.join(', '),
              },
            );
          }
          return missing.length === 0;
        });
        const factory = new PlinthFactCheckerFactory({
          checks,
          logger,
          db: () => database.getClient(),
        });
        const trend = createAdoptionTrendFactRetriever({
          catalog,
          checker: () => factory.checker,
        });
        retrievers.addFactRetrievers(
          Object.fromEntries([...factories, trend].map(r => [r.id, r])),
        );
        checkers.setFactCheckerFactory(factory);
        logger.info('Adoption scorecard registered', {
          checks: checks.map(c => c.id).join(', '),
        });
      },
    });
  },
});

import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';

/** One error the catalog reported while processing an entity. */
export type ProcessingError = { entityRef: string; message: string };

/**
 * A catalog module for tests that records what the real catalog reports for entities that
 * fail processing, keyed by their (lower-case) entity ref.
 */
export function processingErrorRecorder() {
  const errors: ProcessingError[] = [];
  const module = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-error-recorder',
    register(reg) {
      reg.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.setOnProcessingErrorHandler(
            ({ unprocessedEntity, errors: entityErrors }) => {
              const { kind, metadata } = unprocessedEntity;
              for (const error of entityErrors) {
                errors.push({
                  entityRef: `${kind}:${metadata.namespace ?? 'default'}/${
                    metadata.name
                  }`.toLocaleLowerCase('en-US'),
                  message: error.message,
                });
              }
            },
          );
        },
      });
    },
  });
  return { module, errors };
}

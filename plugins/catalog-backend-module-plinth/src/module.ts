import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { EscalationPolicyProcessor } from './escalation';
import { localTextPlaceholderResolver } from './placeholders';

/**
 * Plinth's catalog additions: placeholder resolution for repo-local catalog
 * files, and the EscalationPolicy kind with its escalation annotations.
 */
export const catalogModulePlinth = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'plinth',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addPlaceholderResolver('text', localTextPlaceholderResolver);
        catalog.addProcessor(new EscalationPolicyProcessor());
      },
    });
  },
});

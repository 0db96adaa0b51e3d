import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';
import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';

/** The field's value and ui:options, as JSON schema for the template editor's field explorer. */
export const PlinthEntityNameFieldSchema = makeFieldSchema({
  output: z => z.string(),
  uiOptions: z =>
    z.object({
      kind: z
        .string()
        .optional()
        .describe(
          'Kind of the entity to create; the name must be free for it (default Component)',
        ),
      namespace: z
        .string()
        .optional()
        .describe('Namespace of the entity to create (default "default")'),
    }),
});

/** `ui:field: PlinthEntityName` in a template: a valid entity name that is not taken yet. */
export const plinthEntityNameFormField = FormFieldBlueprint.make({
  name: 'plinth-entity-name',
  params: {
    field: () =>
      import('./fields/PlinthEntityName').then(m =>
        createFormField({
          ...m.plinthEntityNameFieldExtension,
          schema: PlinthEntityNameFieldSchema,
        }),
      ),
  },
});

/**
 * Plinth's scaffolder form fields, installed into the scaffolder plugin (the app discovers
 * this package from its dependencies and loads the default export).
 */
export const scaffolderPlinthModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [plinthEntityNameFormField],
});

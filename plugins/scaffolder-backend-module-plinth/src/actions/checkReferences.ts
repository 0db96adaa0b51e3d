import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  type CatalogLookup,
  requireReferences,
} from '../services/catalog/catalogReferences';

export const CHECK_REFERENCES_ACTION_ID = 'plinth:catalog:check-references';

/**
 * `plinth:catalog:check-references`: refuses template inputs that do not name an existing
 * entity of the expected kind (owner group, system, escalation policy), before anything is
 * generated. The form's pickers only offer existing entities; this catches values sent
 * another way (the API, an edited URL, the template editor). Unlike `catalog:fetch`, whose
 * "Entity ... not found" is a plain Error (a 500 from the template editor's dry-run), the
 * refusal is an InputError that names each value and what to do.
 */
export function createCheckReferencesAction(options: {
  catalog: CatalogLookup;
}) {
  return createTemplateAction({
    id: CHECK_REFERENCES_ACTION_ID,
    description:
      'Checks that each input names an existing catalog entity of the expected kind; fails with one message naming every value that does not.',
    supportsDryRun: true,
    examples: [
      {
        description:
          'Check the owner and the system before generating anything',
        example: [
          'steps:',
          '  - id: check-references',
          '    action: plinth:catalog:check-references',
          '    input:',
          '      references:',
          '        - field: Owner',
          '          ref: ${{ parameters.owner }}',
          '          kind: Group',
          '        - field: System',
          '          ref: ${{ parameters.system }}',
          '          kind: System',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        references: z =>
          z
            .array(
              z.object({
                field: z
                  .string()
                  .describe('The input as the form titles it, e.g. Owner'),
                ref: z
                  .string()
                  .describe(
                    'Its value: an entity ref, the kind and namespace optional',
                  ),
                kind: z
                  .string()
                  .describe('The kind the value must name, e.g. Group'),
              }),
            )
            .describe('The inputs to check'),
      },
    },
    async handler(ctx) {
      // The user's own view of the catalog, as the form's pickers have it.
      await requireReferences(
        options.catalog,
        ctx.input.references,
        await ctx.getInitiatorCredentials(),
      );
      ctx.logger.info(
        `In the catalog: ${ctx.input.references
          .map(r => `${r.field} ${r.ref}`)
          .join(', ')}`,
      );
    },
  });
}

import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { nameProblem } from './nameRules';

/** What the template may say about the entity the name is for (ui:options). */
export type PlinthEntityNameUiOptions = {
  /** The kind the new entity gets; the name must be free for it. Default Component. */
  kind?: string;
  namespace?: string;
};

/**
 * Runs when the user moves on from the step: the naming rules first, then a look-up in
 * the catalog, so a taken name is refused in the form rather than halfway through a run.
 * A failed look-up also blocks: an unchecked name could collide with a live service.
 */
export const validatePlinthEntityName: CustomFieldValidator<
  string,
  PlinthEntityNameUiOptions
> = async (value, validation, context) => {
  const name = value ?? '';
  const problem = nameProblem(name);
  if (problem) {
    validation.addError(problem);
    return;
  }
  const options = context.uiSchema?.['ui:options'] ?? {};
  const kind = options.kind ?? 'Component';
  const namespace = options.namespace ?? 'default';
  const catalogApi = context.apiHolder.get(catalogApiRef);
  if (!catalogApi) {
    validation.addError(
      'Cannot check whether the name is taken: the catalog is not available.',
    );
    return;
  }
  try {
    const existing = await catalogApi.getEntityByRef({ kind, namespace, name });
    if (existing) {
      const owner = existing.spec?.owner
        ? ` (owned by ${existing.spec.owner})`
        : '';
      validation.addError(
        `"${name}" is taken: the catalog already has ${kind.toLocaleLowerCase(
          'en-US',
        )}:${namespace}/${
          existing.metadata.name
        }${owner}. Choose another name.`,
      );
    }
  } catch (error) {
    validation.addError(
      `Cannot check whether "${name}" is taken (${
        (error as Error).message
      }). Try again in a moment.`,
    );
  }
};

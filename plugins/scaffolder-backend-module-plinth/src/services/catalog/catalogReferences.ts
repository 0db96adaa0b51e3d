import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, isError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';

export type CatalogLookup = Pick<CatalogService, 'getEntitiesByRefs'>;

/** A template input that must name an entity of one kind, e.g. the owner group. */
export type ExpectedReference = {
  /** The input's title as the form shows it (Owner, System, Escalation policy). */
  field: string;
  /** The value as entered: `billing`, `group:billing`, `group:default/billing`. */
  ref: string;
  /** The kind it must be, e.g. Group; the default kind of a ref written without one. */
  kind: string;
};

const kindWord = (kind: string) =>
  kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLocaleLowerCase('en-US');

const withArticle = (word: string) =>
  `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;

/**
 * What is wrong with each reference, one sentence each naming the value and what to do:
 * it does not parse, names another kind, or names nothing the caller can see in the
 * catalog. Empty when every reference names an existing entity of its kind.
 */
export async function referenceProblems(
  catalog: CatalogLookup,
  references: ExpectedReference[],
  credentials: BackstageCredentials,
): Promise<string[]> {
  // Indexed like the references, so the message keeps the form's order.
  const problems: Array<string | undefined> = references.map(() => undefined);
  const lookups: Array<{
    reference: ExpectedReference;
    ref: string;
    index: number;
  }> = [];
  for (const [index, reference] of references.entries()) {
    const word = kindWord(reference.kind);
    let ref: string;
    try {
      // stringifyEntityRef lower-cases the kind; the catalog matches names case-insensitively.
      ref = stringifyEntityRef(
        parseEntityRef(reference.ref.trim(), {
          defaultKind: reference.kind,
          defaultNamespace: 'default',
        }),
      );
    } catch (error) {
      problems[index] = `${reference.field} '${
        reference.ref
      }' is not an entity reference (${
        isError(error) ? error.message : String(error)
      }): name ${withArticle(
        word,
      )} of the catalog, e.g. ${reference.kind.toLocaleLowerCase(
        'en-US',
      )}:default/name`;
      continue;
    }
    if (
      parseEntityRef(ref).kind !== reference.kind.toLocaleLowerCase('en-US')
    ) {
      problems[index] = `${ref} is not ${withArticle(word)}: the ${
        reference.field
      } field must name ${withArticle(word)} of the catalog`;
      continue;
    }
    lookups.push({ reference, ref, index });
  }
  if (lookups.length > 0) {
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: lookups.map(l => l.ref), fields: ['kind', 'metadata'] },
      { credentials },
    );
    lookups.forEach(({ reference, ref, index }, i) => {
      if (!items[i]) {
        const word = kindWord(reference.kind);
        problems[index] = `${ref} is not ${withArticle(
          word,
        )} in the catalog: pick an existing ${word} in the ${
          reference.field
        } field (it lists them), or add ${ref} to the catalog first`;
      }
    });
  }
  return problems.filter((p): p is string => p !== undefined);
}

/** Throws one InputError naming every reference that does not name an entity of its kind. */
export async function requireReferences(
  catalog: CatalogLookup,
  references: ExpectedReference[],
  credentials: BackstageCredentials,
): Promise<void> {
  const problems = await referenceProblems(catalog, references, credentials);
  if (problems.length > 0) {
    throw new InputError(problems.join('; '));
  }
}

/**
 * The entities among `refs` that already exist in the catalog, one sentence each: a new
 * service may not take an existing name. The caller looks them up with its own credentials
 * (an entity the user may not see still holds its name), so the sentence says nothing about
 * the entity beyond its ref, which the user typed: not its owner or anything else the user
 * may not be allowed to read.
 */
export async function takenNames(
  catalog: CatalogLookup,
  refs: string[],
  credentials: BackstageCredentials,
): Promise<string[]> {
  if (refs.length === 0) {
    return [];
  }
  const { items } = await catalog.getEntitiesByRefs(
    {
      entityRefs: refs,
      fields: ['kind', 'metadata.name'],
    },
    { credentials },
  );
  return items.flatMap((entity, i) =>
    entity
      ? [`${refs[i]} already exists in the catalog: choose another name`]
      : [],
  );
}

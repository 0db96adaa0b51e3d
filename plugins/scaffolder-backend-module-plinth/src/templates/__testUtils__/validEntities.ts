import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';

const entityPolicy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

/**
 * Parses catalog-info.yaml and validates each entity as the catalog would: `$text`
 * placeholders resolved against the generated files first (they must exist), then the
 * default entity policies and the kind's schema.
 */
export async function validEntities(
  files: Map<string, string>,
): Promise<Entity[]> {
  const entities = parseAllDocuments(files.get('catalog-info.yaml')!).map(
    doc => {
      expect(doc.errors).toEqual([]);
      return doc.toJS() as Entity;
    },
  );
  for (const entity of entities) {
    const definition = entity.spec?.definition as
      | { $text?: string }
      | undefined;
    if (definition?.$text) {
      const target = definition.$text.replace(/^\.\//, '');
      expect(files.has(target)).toBe(true);
      entity.spec!.definition = files.get(target);
    }
    const checked = await entityPolicy.enforce(structuredClone(entity));
    expect(checked).toBeDefined();
    const validator =
      entity.kind === 'API'
        ? apiEntityV1alpha1Validator
        : componentEntityV1alpha1Validator;
    expect(await validator.check(entity)).toBe(true);
  }
  return entities;
}

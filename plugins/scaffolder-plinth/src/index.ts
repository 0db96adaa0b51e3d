/**
 * Scaffolder form fields for Plinth's golden-path templates: `PlinthEntityName` (a valid
 * entity name that no catalog entity has yet).
 *
 * @packageDocumentation
 */
export { scaffolderPlinthModule as default } from './module';
export {
  plinthEntityNameFormField,
  PlinthEntityNameFieldSchema,
} from './module';

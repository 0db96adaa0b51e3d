export { PlinthEntityName } from './PlinthEntityName';
export { validatePlinthEntityName } from './validation';
export type { PlinthEntityNameUiOptions } from './validation';
export { nameProblem, NAME_PATTERN } from './nameRules';
export { plinthEntityNameFieldExtension } from './fieldExtension';

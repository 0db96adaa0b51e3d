import type { FieldExtensionOptions } from '@backstage/plugin-scaffolder-react';
import { PlinthEntityName } from './PlinthEntityName';
import {
  PlinthEntityNameUiOptions,
  validatePlinthEntityName,
} from './validation';

/** The field as the scaffolder form consumes it: `ui:field: PlinthEntityName`. */
export const plinthEntityNameFieldExtension: FieldExtensionOptions<
  string,
  PlinthEntityNameUiOptions
> = {
  name: 'PlinthEntityName',
  component: PlinthEntityName,
  validation: validatePlinthEntityName,
};

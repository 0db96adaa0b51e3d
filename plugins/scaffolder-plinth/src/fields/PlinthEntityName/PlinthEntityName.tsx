import TextField from '@mui/material/TextField';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { nameProblem } from './nameRules';
import type { PlinthEntityNameUiOptions } from './validation';

/**
 * A name field that explains the naming rules while typing; whether the name is taken is
 * checked when the step is submitted (validatePlinthEntityName).
 */
export const PlinthEntityName = (
  props: FieldExtensionComponentProps<string, PlinthEntityNameUiOptions>,
) => {
  const {
    onChange,
    required,
    schema: { title = 'Name', description },
    rawErrors,
    formData,
    uiSchema,
    idSchema,
  } = props;
  const value = formData ?? '';
  const liveProblem = value === '' ? undefined : nameProblem(value);
  // The form prints validation errors under the field itself; repeating them here would
  // show each twice, so the helper text is the live rule hint or the description.
  const helperText = liveProblem ?? description;
  return (
    <TextField
      id={idSchema?.$id}
      label={title}
      required={required}
      value={value}
      onChange={event => onChange(event.target.value)}
      error={Boolean(liveProblem) || (rawErrors?.length ?? 0) > 0}
      helperText={helperText}
      margin="normal"
      fullWidth
      inputProps={{
        // Only when the template asks for it (ui:autofocus), as the built-in pickers do.
        autoFocus: Boolean(uiSchema?.['ui:autofocus']),
        autoCapitalize: 'none',
        spellCheck: false,
      }}
    />
  );
};

import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { isRecord } from '../../spec/parseApiDefinition';
import { refName, resolve } from '../../spec/refs';

/** Nesting shown before "deeper levels not shown"; payloads are read, not explored, here. */
const MAX_DEPTH = 6;
/** Enum values listed before "and N more"; a 50,000-value enum must not freeze the page. */
const MAX_ENUM = 12;
/** Properties listed per object before "and N more". */
const MAX_PROPERTIES = 60;

const CONSTRAINTS = [
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'default',
] as const;

type Props = {
  document: unknown;
  schema: unknown;
};

/**
 * A payload schema as a nested list: each property with its type, whether it is required,
 * its constraints and description. Local `$ref`s are followed; a schema that contains
 * itself shows "circular" instead of recursing.
 */
export const SchemaView = ({ document, schema }: Props) => (
  <Box
    component="div"
    sx={{ fontSize: '0.875rem', '& ul': { pl: 2, my: 0.5 } }}
  >
    <SchemaNode document={document} node={schema} depth={0} seen={new Set()} />
  </Box>
);

function SchemaNode({
  document,
  node,
  depth,
  seen,
}: {
  document: unknown;
  node: unknown;
  depth: number;
  seen: ReadonlySet<string>;
}): JSX.Element {
  const resolved = resolve(document, node, seen);
  if (resolved.kind === 'cycle') {
    return (
      <Typography component="span" variant="body2" color="text.secondary">
        {refName(resolved.ref)} (circular: contains itself, see above)
      </Typography>
    );
  }
  if (resolved.kind === 'external') {
    return (
      <Typography component="span" variant="body2" color="text.secondary">
        {resolved.ref} (in another document, not shown)
      </Typography>
    );
  }
  if (resolved.kind === 'missing') {
    return (
      <Typography component="span" variant="body2" color="error">
        {resolved.ref} does not exist in this document
      </Typography>
    );
  }
  const schema = resolved.value;
  if (!isRecord(schema)) {
    return (
      <Typography component="span" variant="body2">
        any
      </Typography>
    );
  }
  const inner = resolved.ref ? new Set([...seen, resolved.ref]) : seen;
  const label = (
    <>
      <Typography
        component="span"
        variant="body2"
        sx={{ fontFamily: 'monospace' }}
      >
        {typeLabel(document, schema, resolved.ref)}
      </Typography>
      <Details schema={schema} />
    </>
  );
  if (depth >= MAX_DEPTH) {
    return (
      <>
        {label}{' '}
        <Typography component="span" variant="body2" color="text.secondary">
          (deeper levels not shown)
        </Typography>
      </>
    );
  }

  const children: ReactNode[] = [];
  for (const combiner of ['allOf', 'oneOf', 'anyOf'] as const) {
    if (Array.isArray(schema[combiner])) {
      schema[combiner].forEach((part: unknown, i: number) =>
        children.push(
          <li key={`${combiner}-${i}`}>
            <Typography component="span" variant="body2" color="text.secondary">
              {combiner} #{i + 1}:{' '}
            </Typography>
            <SchemaNode
              document={document}
              node={part}
              depth={depth + 1}
              seen={inner}
            />
          </li>,
        ),
      );
    }
  }
  if (schema.items !== undefined) {
    children.push(
      <li key="items">
        <Typography component="span" variant="body2" color="text.secondary">
          items:{' '}
        </Typography>
        <SchemaNode
          document={document}
          node={schema.items}
          depth={depth + 1}
          seen={inner}
        />
      </li>,
    );
  }
  if (isRecord(schema.properties)) {
    const required = new Set(
      Array.isArray(schema.required) ? schema.required : [],
    );
    const entries = Object.entries(schema.properties);
    for (const [name, property] of entries.slice(0, MAX_PROPERTIES)) {
      children.push(
        <li key={`property-${name}`}>
          <Typography
            component="span"
            variant="body2"
            sx={{ fontFamily: 'monospace', fontWeight: 600 }}
          >
            {name}
          </Typography>
          {required.has(name) ? (
            <Typography component="span" variant="body2" color="error.main">
              {' '}
              (required)
            </Typography>
          ) : null}
          :{' '}
          <SchemaNode
            document={document}
            node={property}
            depth={depth + 1}
            seen={inner}
          />
        </li>,
      );
    }
    if (entries.length > MAX_PROPERTIES) {
      children.push(
        <li key="more-properties">
          and {entries.length - MAX_PROPERTIES} more properties
        </li>,
      );
    }
  }
  if (isRecord(schema.additionalProperties)) {
    children.push(
      <li key="additional">
        <Typography component="span" variant="body2" color="text.secondary">
          any other key:{' '}
        </Typography>
        <SchemaNode
          document={document}
          node={schema.additionalProperties}
          depth={depth + 1}
          seen={inner}
        />
      </li>,
    );
  }
  return (
    <>
      {label}
      {children.length > 0 && <ul>{children}</ul>}
    </>
  );
}

function typeLabel(
  document: unknown,
  schema: Record<string, any>,
  ref: string | undefined,
): string {
  let type: string | undefined;
  if (Array.isArray(schema.type)) type = schema.type.join(' | ');
  else if (typeof schema.type === 'string') type = schema.type;
  let base = type ?? (schema.properties ? 'object' : '');
  if (base === 'array' && schema.items !== undefined) {
    const items = resolve(document, schema.items);
    let itemsName = 'item';
    if (items.kind === 'value' && items.ref) itemsName = refName(items.ref);
    else if (isRecord(schema.items) && typeof schema.items.type === 'string') {
      itemsName = schema.items.type;
    }
    base = `array of ${itemsName}`;
  }
  if (typeof schema.format === 'string') base = `${base} (${schema.format})`;
  if (schema.nullable === true) base = `${base} | null`;
  const name = ref ? refName(ref) : undefined;
  if (name) return base ? `${name}: ${base}` : name;
  if (!base) {
    if (schema.allOf) return 'all of';
    if (schema.oneOf) return 'one of';
    if (schema.anyOf) return 'any of';
    return 'any';
  }
  return base;
}

function Details({ schema }: { schema: Record<string, any> }) {
  const parts: string[] = [];
  if (schema.deprecated === true) parts.push('deprecated');
  if (schema.readOnly === true) parts.push('read-only');
  if (schema.writeOnly === true) parts.push('write-only');
  for (const key of CONSTRAINTS) {
    if (schema[key] !== undefined && typeof schema[key] !== 'object') {
      parts.push(`${key} ${String(schema[key])}`);
    }
  }
  if (Array.isArray(schema.enum)) {
    const shown = schema.enum.slice(0, MAX_ENUM).map(v => JSON.stringify(v));
    const more = schema.enum.length - shown.length;
    parts.push(
      `one of ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
    );
  }
  const description =
    typeof schema.description === 'string' ? schema.description : undefined;
  if (parts.length === 0 && !description) return null;
  return (
    <Typography component="span" variant="body2" color="text.secondary">
      {parts.length > 0 && ` · ${parts.join(' · ')}`}
      {description && ` · ${description}`}
    </Typography>
  );
}

import type { Located } from '../resolve/RefResolver';
import { joinPointer } from '../resolve/jsonPointer';

type Resolve = (node: unknown, pointer: string) => Located;

/** A schema with its `allOf` members merged, which is how most APIs compose objects. */
export interface SchemaShape {
  pointer: string;
  /** The schema's own keywords (after following its $ref). */
  schema: Record<string, any>;
  /** Accepted JSON types, `null` included (3.0 `nullable` or 3.1 type arrays); undefined = any. */
  types?: Set<string>;
  /** Set when `types` is the union of the oneOf/anyOf members' types (see alternativeTypes). */
  typesFrom?: 'oneOf' | 'anyOf';
  /** Resolved property schemas; `declaredAt` is where the property itself is written. */
  properties: Map<string, Located & { declaredAt: string }>;
  required: Set<string>;
  /** Scalar keywords taken from the schema or the first allOf member that has them. */
  keyword: (name: string) => unknown;
  /** The values the schema is limited to, if it is (see EnumValues). */
  enum?: EnumValues;
}

/**
 * The values a schema is limited to: its own `enum` (or the first allOf member's), or, for
 * a schema without one whose oneOf/anyOf members each fix values (`enum` or `const`), the
 * union of theirs. GitHub turned `enum: [a, b]` into `oneOf: [{enum: [a]}, {enum: [b]}]`:
 * the same two values, not a constraint removed.
 */
export interface EnumValues {
  values: unknown[];
  /** Where the value at an index of `values` is written. */
  pointerOf: (index: number) => string;
  /** The `enum` keyword, or the oneOf/anyOf whose members hold the values. */
  pointer: string;
  fromAlternatives: boolean;
}

const MAX_ALLOF_DEPTH = 16;

export function shapeOf(located: Located, resolve: Resolve): SchemaShape {
  const schema = (located.node ?? {}) as Record<string, any>;
  const properties = new Map<string, Located & { declaredAt: string }>();
  const required = new Set<string>();
  const layers: Record<string, any>[] = [];
  let ownEnum: EnumValues | undefined;
  collect(located, 0);

  function collect(current: Located, depth: number) {
    const node = current.node as Record<string, any> | undefined;
    if (!node || typeof node !== 'object' || depth > MAX_ALLOF_DEPTH) return;
    layers.push(node);
    if (!ownEnum && Array.isArray(node.enum)) {
      const at = joinPointer(current.pointer, 'enum');
      ownEnum = {
        values: node.enum,
        pointerOf: i => joinPointer(at, i),
        pointer: at,
        fromAlternatives: false,
      };
    }
    if (node.properties && typeof node.properties === 'object') {
      for (const [name, child] of Object.entries(node.properties)) {
        if (!properties.has(name)) {
          const declaredAt = joinPointer(current.pointer, 'properties', name);
          properties.set(name, { ...resolve(child, declaredAt), declaredAt });
        }
      }
    }
    if (Array.isArray(node.required)) {
      for (const name of node.required) required.add(String(name));
    }
    if (Array.isArray(node.allOf)) {
      node.allOf.forEach((member: unknown, i: number) =>
        collect(
          resolve(member, joinPointer(current.pointer, 'allOf', i)),
          depth + 1,
        ),
      );
    }
  }

  const keyword = (name: string) => {
    for (const layer of layers) {
      if (layer[name] !== undefined) return layer[name];
    }
    return undefined;
  };

  const ownTypes = typesOfLayers(layers);
  const fromAlternatives = ownTypes
    ? undefined
    : alternativeTypes(schema, located.pointer, resolve);
  return {
    pointer: located.pointer,
    schema,
    types: ownTypes ?? fromAlternatives?.types,
    typesFrom: fromAlternatives?.keyword,
    properties,
    required,
    keyword,
    enum: ownEnum ?? alternativeEnum(schema, located.pointer, resolve),
  };
}

function alternativeEnum(
  schema: Record<string, any>,
  pointer: string,
  resolve: Resolve,
): EnumValues | undefined {
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const members = schema[keyword];
    if (!Array.isArray(members) || members.length === 0) continue;
    const seen = new Set<string>();
    const values: unknown[] = [];
    const pointers: string[] = [];
    const add = (value: unknown, at: string) => {
      const key = JSON.stringify(value);
      if (seen.has(key)) return;
      seen.add(key);
      values.push(value);
      pointers.push(at);
    };
    for (let i = 0; i < members.length; i++) {
      const member = resolve(members[i], joinPointer(pointer, keyword, i));
      const node = member.node;
      if (!node || typeof node !== 'object') return undefined;
      if (Array.isArray(node.enum)) {
        node.enum.forEach((value: unknown, k: number) =>
          add(value, joinPointer(member.pointer, 'enum', k)),
        );
      } else if (node.const !== undefined) {
        add(node.const, joinPointer(member.pointer, 'const'));
      } else {
        return undefined;
      }
    }
    return {
      values,
      pointerOf: i => pointers[i],
      pointer: joinPointer(pointer, keyword),
      fromAlternatives: true,
    };
  }
  return undefined;
}

/**
 * The types of a schema and its allOf members: the first `type` found, and null only when
 * every member with a `type` allows it (allOf is an intersection: GitHub's
 * `allOf: [integration (nullable), {type: object}]` is never null), or when the schema
 * itself says `nullable: true` over its allOf, as GitHub's description does.
 */
function typesOfLayers(layers: Record<string, any>[]): Set<string> | undefined {
  const typed = layers.filter(layer => layer.type !== undefined);
  if (typed.length === 0) return undefined;
  const types = typesOf(typed[0].type, typed[0].nullable)!;
  const nullable =
    layers[0].nullable === true ||
    typed.every(layer => typesOf(layer.type, layer.nullable)!.has('null'));
  if (nullable) types.add('null');
  else types.delete('null');
  return types;
}

function typesOf(type: unknown, nullable: unknown): Set<string> | undefined {
  if (type === undefined) return undefined;
  const types = new Set<string>(
    Array.isArray(type) ? type.map(String) : [String(type)],
  );
  if (nullable === true) types.add('null');
  return types;
}

/**
 * A schema without `type` whose oneOf/anyOf members all have one holds the union of their
 * types (an object that became a oneOf of objects is still an object), not any type.
 */
function alternativeTypes(
  schema: Record<string, any>,
  pointer: string,
  resolve: Resolve,
): { types: Set<string>; keyword: 'oneOf' | 'anyOf' } | undefined {
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const members = schema[keyword];
    if (!Array.isArray(members) || members.length === 0) continue;
    const union = new Set<string>();
    for (let i = 0; i < members.length; i++) {
      const member = resolve(members[i], joinPointer(pointer, keyword, i)).node;
      const types = member && typesOf(member.type, member.nullable);
      if (!types) return undefined;
      for (const t of types) union.add(t);
    }
    if (schema.nullable === true) union.add('null');
    return { types: union, keyword };
  }
  return undefined;
}

/** An integer is a number: integer -> number widens a request, number -> integer narrows it. */
export function typeAccepts(wider: string, narrower: string): boolean {
  return wider === narrower || (wider === 'number' && narrower === 'integer');
}

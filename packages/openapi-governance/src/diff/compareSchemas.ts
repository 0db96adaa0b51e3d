import type { Located } from '../resolve/RefResolver';
import { joinPointer } from '../resolve/jsonPointer';
import { DiffContext, OperationScope } from './DiffContext';
import { SchemaShape, shapeOf, typeAccepts } from './schemaShape';

/** Requests are written by clients, responses read by them: the rules mirror each other. */
export type Direction = 'request' | 'response';

/** Names the schema in messages: "request body of POST /users, property email". */
export interface SchemaWalk {
  ctx: DiffContext;
  scope: OperationScope;
  direction: Direction;
  /** What the top schema is, e.g. "the request body (application/json)". */
  subject: string;
  /** Pairs of schema objects already compared in this walk: recursive schemas stop here. */
  visited: Map<object, Set<object>>;
  /** How often this walk stopped at an already visited pair (see compareResolved). */
  cuts: number;
}

export function newWalk(
  ctx: DiffContext,
  scope: OperationScope,
  direction: Direction,
  subject: string,
): SchemaWalk {
  return { ctx, scope, direction, subject, visited: new Map(), cuts: 0 };
}

/** Compares two schemas (unresolved nodes at their pointers) and reports every change. */
export function compareSchemas(
  walk: SchemaWalk,
  baseNode: unknown,
  basePointer: string,
  headNode: unknown,
  headPointer: string,
  label: string,
) {
  const base = walk.ctx.resolveBase(baseNode, basePointer);
  const head = walk.ctx.resolveHead(headNode, headPointer);
  compareResolved(walk, base, head, label);
}

function compareResolved(
  walk: SchemaWalk,
  baseLocated: Located,
  headLocated: Located,
  label: string,
) {
  const baseNode = baseLocated.node;
  const headNode = headLocated.node;
  if (typeof baseNode !== 'object' || baseNode === null) return;
  if (typeof headNode !== 'object' || headNode === null) return;
  const { ctx } = walk;
  // Pairs found identical in an earlier walk (another operation) are identical here too.
  const clean = ctx.cleanSchemaPairs[walk.direction];
  if (clean.get(baseNode)?.has(headNode)) return;
  let seen = walk.visited.get(baseNode);
  if (!seen) {
    seen = new Set();
    walk.visited.set(baseNode, seen);
  }
  if (seen.has(headNode)) {
    walk.cuts++;
    return;
  }
  seen.add(headNode);
  const changesBefore = ctx.changes.length;
  const cutsBefore = walk.cuts;
  compareSubtree(walk, baseLocated, headLocated, label);
  // Only a subtree compared in full (no stop at a visited pair, whose changes may have
  // been counted elsewhere) and without changes may be skipped by later walks.
  if (ctx.changes.length === changesBefore && walk.cuts === cutsBefore) {
    let heads = clean.get(baseNode);
    if (!heads) {
      heads = new WeakSet();
      clean.set(baseNode, heads);
    }
    heads.add(headNode);
  }
}

function compareSubtree(
  walk: SchemaWalk,
  baseLocated: Located,
  headLocated: Located,
  label: string,
) {
  const { ctx } = walk;
  const base = shapeOf(baseLocated, (n, p) => ctx.resolveBase(n, p));
  const head = shapeOf(headLocated, (n, p) => ctx.resolveHead(n, p));

  compareTypes(walk, base, head, label);
  compareFormat(walk, base, head, label);
  compareEnums(walk, base, head, label);
  compareConstraints(walk, base, head, label);
  compareProperties(walk, base, head, label);

  const baseItems = base.keyword('items');
  const headItems = head.keyword('items');
  if (
    baseItems &&
    headItems &&
    !Array.isArray(baseItems) &&
    !Array.isArray(headItems)
  ) {
    compareResolved(
      walk,
      ctx.resolveBase(baseItems, itemsPointer(base)),
      ctx.resolveHead(headItems, itemsPointer(head)),
      `${label}[]`,
    );
  }
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const b = base.schema[keyword];
    const h = head.schema[keyword];
    // Members are matched by position; reordered alternatives are not recognised.
    if (Array.isArray(b) && Array.isArray(h) && b.length === h.length) {
      b.forEach((member, i) =>
        compareSchemas(
          walk,
          member,
          joinPointer(base.pointer, keyword, i),
          h[i],
          joinPointer(head.pointer, keyword, i),
          `${label} (${keyword}[${i}])`,
        ),
      );
    }
  }
}

function itemsPointer(shape: SchemaShape): string {
  // items may come from an allOf member; the pointer then names the schema that holds it.
  return joinPointer(shape.pointer, 'items');
}

function where(walk: SchemaWalk, label: string): string {
  return label ? `property ${label} in ${walk.subject}` : walk.subject;
}

function compareTypes(
  walk: SchemaWalk,
  base: SchemaShape,
  head: SchemaShape,
  label: string,
) {
  const { ctx, scope } = walk;
  const b = base.types;
  const h = head.types;
  if (!b && !h) return;
  const list = (s?: Set<string>) =>
    s ? [...s].sort().join(' | ') : 'any type';
  const pointer = joinPointer(head.pointer, 'type');
  if (walk.direction === 'request') {
    // Everything the client could send before must still be accepted.
    if (!h) return;
    const lost = b
      ? [...b].filter(t => ![...h].some(x => typeAccepts(x, t)))
      : ['any'];
    if (lost.length === 0) return;
    const message =
      b && lost.length === 1 && lost[0] === 'null'
        ? `${capital(where(walk, label))} no longer accepts null.`
        : `${capital(where(walk, label))} changed type from ${list(
            b,
          )} to ${list(h)}; values clients send today may be rejected.`;
    ctx.inHead('type-changed', scope, pointer, message);
  } else {
    // Everything the server may return now must have been possible before.
    if (!b) return;
    const gained = h
      ? [...h].filter(t => ![...b].some(x => typeAccepts(x, t)))
      : ['any'];
    if (gained.length === 0) return;
    const message =
      h && gained.length === 1 && gained[0] === 'null'
        ? `${capital(where(walk, label))} may now be null.`
        : `${capital(where(walk, label))} changed type from ${list(
            b,
          )} to ${list(h)}; clients may not parse the new values.`;
    ctx.inHead('type-changed', scope, pointer, message);
  }
}

function compareFormat(
  walk: SchemaWalk,
  base: SchemaShape,
  head: SchemaShape,
  label: string,
) {
  const b = base.keyword('format') as string | undefined;
  const h = head.keyword('format') as string | undefined;
  if (b === h) return;
  const changed = b !== undefined && h !== undefined;
  const addedToRequest = walk.direction === 'request' && b === undefined;
  const removedFromResponse = walk.direction === 'response' && h === undefined;
  if (!changed && !addedToRequest && !removedFromResponse) return;
  if (removedFromResponse) {
    walk.ctx.inBase(
      'format-changed',
      walk.scope,
      joinPointer(base.pointer, 'format'),
      `${capital(where(walk, label))} no longer promises format ${b}.`,
    );
    return;
  }
  walk.ctx.inHead(
    'format-changed',
    walk.scope,
    joinPointer(head.pointer, 'format'),
    changed
      ? `${capital(where(walk, label))} changed format from ${b} to ${h}.`
      : `${capital(where(walk, label))} now requires format ${h}.`,
  );
}

function compareEnums(
  walk: SchemaWalk,
  base: SchemaShape,
  head: SchemaShape,
  label: string,
) {
  const b = base.keyword('enum') as unknown[] | undefined;
  const h = head.keyword('enum') as unknown[] | undefined;
  if (!Array.isArray(b) && !Array.isArray(h)) return;
  const { ctx, scope } = walk;
  const show = (v: unknown) => JSON.stringify(v);
  if (walk.direction === 'request') {
    if (!Array.isArray(h)) return;
    if (!Array.isArray(b)) {
      ctx.inHead(
        'request-constraint-tightened',
        scope,
        joinPointer(head.pointer, 'enum'),
        `${capital(where(walk, label))} now only accepts ${h
          .map(show)
          .join(', ')}.`,
      );
      return;
    }
    const hs = new Set(h.map(show));
    const bs = new Set(b.map(show));
    b.forEach((value, i) => {
      if (!hs.has(show(value))) {
        ctx.inBase(
          'request-enum-value-removed',
          scope,
          joinPointer(base.pointer, 'enum', i),
          `${capital(where(walk, label))} no longer accepts the value ${show(
            value,
          )}.`,
        );
      }
    });
    h.forEach((value, i) => {
      if (!bs.has(show(value))) {
        ctx.inHead(
          'request-enum-value-added',
          scope,
          joinPointer(head.pointer, 'enum', i),
          `${capital(where(walk, label))} now also accepts the value ${show(
            value,
          )}.`,
        );
      }
    });
  } else {
    if (!Array.isArray(b)) return;
    if (!Array.isArray(h)) {
      ctx.inBase(
        'response-constraint-loosened',
        scope,
        joinPointer(base.pointer, 'enum'),
        `${capital(where(walk, label))} is no longer limited to ${b
          .map(show)
          .join(', ')}.`,
      );
      return;
    }
    const bs = new Set(b.map(show));
    h.forEach((value, i) => {
      if (!bs.has(show(value))) {
        ctx.inHead(
          'response-enum-value-added',
          scope,
          joinPointer(head.pointer, 'enum', i),
          `${capital(where(walk, label))} may now return the value ${show(
            value,
          )}, which clients do not know.`,
        );
      }
    });
  }
}

const UPPER_BOUNDS = [
  'maxLength',
  'maximum',
  'maxItems',
  'maxProperties',
] as const;
const LOWER_BOUNDS = [
  'minLength',
  'minimum',
  'minItems',
  'minProperties',
] as const;

function compareConstraints(
  walk: SchemaWalk,
  base: SchemaShape,
  head: SchemaShape,
  label: string,
) {
  const { ctx, scope } = walk;
  const request = walk.direction === 'request';
  const tightened = (keyword: string, text: string) =>
    ctx.inHead(
      'request-constraint-tightened',
      scope,
      joinPointer(head.pointer, keyword),
      `${capital(
        where(walk, label),
      )}: ${text}; requests valid today may be rejected.`,
    );
  const loosened = (keyword: string, text: string, removed: boolean) => {
    const message = `${capital(
      where(walk, label),
    )}: ${text}; clients that rely on the old limit may break.`;
    if (removed) {
      ctx.inBase(
        'response-constraint-loosened',
        scope,
        joinPointer(base.pointer, keyword),
        message,
      );
    } else {
      ctx.inHead(
        'response-constraint-loosened',
        scope,
        joinPointer(head.pointer, keyword),
        message,
      );
    }
  };
  const num = (shape: SchemaShape, k: string) => {
    const v = shape.keyword(k);
    return typeof v === 'number' ? v : undefined;
  };

  for (const k of [...UPPER_BOUNDS, 'exclusiveMaximum']) {
    const b = num(base, k);
    const h = num(head, k);
    if (b === h) continue;
    if (request && h !== undefined && (b === undefined || h < b)) {
      tightened(
        k,
        `${k} ${b === undefined ? 'added' : `lowered from ${b}`} to ${h}`,
      );
    } else if (!request && b !== undefined && (h === undefined || h > b)) {
      loosened(
        k,
        h === undefined ? `${k} ${b} removed` : `${k} raised from ${b} to ${h}`,
        h === undefined,
      );
    }
  }
  for (const k of [...LOWER_BOUNDS, 'exclusiveMinimum']) {
    const b = num(base, k);
    const h = num(head, k);
    if (b === h) continue;
    // An absent minLength/minItems/minProperties is 0, an absent minimum is unbounded.
    const floor = k === 'minimum' || k === 'exclusiveMinimum' ? -Infinity : 0;
    const bv = b ?? floor;
    const hv = h ?? floor;
    if (request && hv > bv) {
      tightened(
        k,
        `${k} ${b === undefined ? 'added' : `raised from ${b}`} to ${h}`,
      );
    } else if (!request && hv < bv) {
      loosened(
        k,
        h === undefined
          ? `${k} ${b} removed`
          : `${k} lowered from ${b} to ${h}`,
        h === undefined,
      );
    }
  }
  for (const k of ['pattern', 'multipleOf'] as const) {
    const b = base.keyword(k);
    const h = head.keyword(k);
    if (b === h) continue;
    if (request && h !== undefined) {
      tightened(
        k,
        b === undefined
          ? `${k} ${String(h)} added`
          : `${k} changed from ${String(b)} to ${String(h)}`,
      );
    } else if (!request && b !== undefined) {
      loosened(
        k,
        h === undefined
          ? `${k} ${String(b)} removed`
          : `${k} changed from ${String(b)} to ${String(h)}`,
        h === undefined,
      );
    }
  }
  const bu = base.keyword('uniqueItems') === true;
  const hu = head.keyword('uniqueItems') === true;
  if (request && !bu && hu)
    tightened('uniqueItems', 'items must now be unique');
  if (!request && bu && !hu)
    loosened('uniqueItems', 'items may now repeat', true);
}

function compareProperties(
  walk: SchemaWalk,
  base: SchemaShape,
  head: SchemaShape,
  label: string,
) {
  const { ctx, scope } = walk;
  const request = walk.direction === 'request';
  // A client never sends readOnly properties and never receives writeOnly ones.
  const hidden = (p: Located) =>
    request ? p.node?.readOnly === true : p.node?.writeOnly === true;
  const name = (prop: string) => (label ? `${label}.${prop}` : prop);

  for (const [prop, baseProp] of base.properties) {
    const headProp = head.properties.get(prop);
    if (hidden(baseProp) && (!headProp || hidden(headProp))) continue;
    if (!headProp) {
      if (request) {
        const strict = head.keyword('additionalProperties') === false;
        ctx.inBase(
          'request-property-removed',
          scope,
          baseProp.declaredAt,
          strict
            ? `Property ${name(prop)} was removed from ${
                walk.subject
              }, which rejects unknown properties: clients still sending it will fail.`
            : `Property ${name(prop)} was removed from ${
                walk.subject
              }; clients still sending it may be ignored or rejected.`,
          strict ? 'breaking' : undefined,
        );
      } else {
        ctx.inBase(
          'response-property-removed',
          scope,
          baseProp.declaredAt,
          `Property ${name(prop)} was removed from ${walk.subject}.`,
        );
      }
      continue;
    }
    if (!request && base.required.has(prop) && !head.required.has(prop)) {
      ctx.inHead(
        'response-property-became-optional',
        scope,
        headProp.declaredAt,
        `Property ${name(prop)} of ${
          walk.subject
        } is no longer always present.`,
      );
    }
    if (
      request &&
      !base.required.has(prop) &&
      head.required.has(prop) &&
      !hidden(headProp)
    ) {
      ctx.inHead(
        'request-property-became-required',
        scope,
        headProp.declaredAt,
        `Property ${name(prop)} of ${walk.subject} became required.`,
      );
    }
    compareResolved(walk, baseProp, headProp, name(prop));
  }
  for (const [prop, headProp] of head.properties) {
    if (base.properties.has(prop) || hidden(headProp)) continue;
    if (request && head.required.has(prop)) {
      ctx.inHead(
        'new-required-request-property',
        scope,
        headProp.declaredAt,
        `${capital(walk.subject)} requires a new property ${name(prop)}.`,
      );
    } else {
      ctx.inHead(
        request ? 'request-property-added' : 'response-property-added',
        scope,
        headProp.declaredAt,
        request
          ? `${capital(walk.subject)} accepts a new optional property ${name(
              prop,
            )}.`
          : `${capital(walk.subject)} has a new property ${name(prop)}.`,
      );
    }
  }
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

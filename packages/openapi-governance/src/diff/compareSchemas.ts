import { Located, isRef } from '../resolve/RefResolver';
import { joinPointer } from '../resolve/jsonPointer';
import { DiffContext, OperationScope } from './DiffContext';
import type { ChangeRuleId } from './rules';
import { SchemaShape, typeAccepts } from './schemaShape';
import type { ChangeSeverity } from './types';

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
  /** How often this walk stopped at an already visited pair (see visitPair). */
  cuts: number;
  /** The findings of this walk in the order found, with the property path naming each. */
  found: WalkFinding[];
  /**
   * The top schema is a scalar parameter, sent as text (query, path, header, cookie): a
   * number or boolean that became a string still accepts what clients send.
   */
  sentAsText?: boolean;
}

/** A finding of one walk, and the property path it is reported under. */
export interface WalkFinding {
  finding: SchemaFinding;
  label: string;
}

/**
 * Everything one walk from a (base, head) pair of top schemas found. It depends only on
 * the pair and the direction (pairs skipped as unchanged cannot hold findings), so any
 * later walk from the same pair renders it with its own subject and operation.
 */
export interface WalkResult {
  basePointer: string;
  headPointer: string;
  found: WalkFinding[];
}

export function newWalk(
  ctx: DiffContext,
  scope: OperationScope,
  direction: Direction,
  subject: string,
): SchemaWalk {
  return {
    ctx,
    scope,
    direction,
    subject,
    visited: new Map(),
    cuts: 0,
    found: [],
  };
}

/** Where a finding of a schema pair is reported: the walk's subject and the property path. */
interface Anchor {
  subject: string;
  label: string;
}

/**
 * A change between two schema nodes, independent of the operation that reaches them: the
 * message is rendered per walk, with that walk's subject and property path.
 */
export interface SchemaFinding {
  id: ChangeRuleId;
  document: 'base' | 'head';
  pointer: string;
  severity?: ChangeSeverity;
  message: (at: Anchor) => string;
}

/** How a child's property path extends its parent's. */
type LabelStep = { property: string } | { suffix: string };

/**
 * The comparison of one (base, head) schema pair in one direction, computed once per diff:
 * its own findings (not those of nested schemas) and the nested pairs to compare next.
 */
export interface PairComparison {
  basePointer: string;
  headPointer: string;
  findings: SchemaFinding[];
  children: Array<{ base: Located; head: Located; step: LabelStep }>;
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
  const { ctx } = walk;
  const base = ctx.resolveBase(baseNode, basePointer);
  const head = ctx.resolveHead(headNode, headPointer);
  const cacheable =
    label === '' &&
    walk.visited.size === 0 &&
    typeof base.node === 'object' &&
    base.node !== null &&
    typeof head.node === 'object' &&
    head.node !== null;
  let found: WalkFinding[];
  if (!cacheable) {
    visitPair(walk, base, head, label);
    found = walk.found;
  } else {
    const results = ctx.walkResults[walk.direction];
    let byHead = results.get(base.node);
    if (!byHead) {
      byHead = new WeakMap();
      results.set(base.node, byHead);
    }
    const cached = byHead.get(head.node);
    if (
      cached &&
      cached.basePointer === base.pointer &&
      cached.headPointer === head.pointer
    ) {
      found = cached.found;
    } else {
      visitPair(walk, base, head, label);
      found = walk.found;
      if (!cached) {
        byHead.set(head.node, {
          basePointer: base.pointer,
          headPointer: head.pointer,
          found,
        });
      }
    }
  }
  report(walk, found);
}

function report(walk: SchemaWalk, found: WalkFinding[]) {
  const { ctx, scope, subject } = walk;
  for (const { finding, label } of found) {
    if (walk.sentAsText && label === '' && finding.id === 'type-changed') {
      continue;
    }
    const message = finding.message({ subject, label });
    if (finding.document === 'base') {
      ctx.inBase(finding.id, scope, finding.pointer, message, finding.severity);
    } else {
      ctx.inHead(finding.id, scope, finding.pointer, message, finding.severity);
    }
  }
}

/**
 * Collects the findings of a pair and of the pairs nested in it. The comparisons
 * themselves are cached per diff (comparePair), so a changed schema shared by many
 * operations is compared once; the walk keeps the per-operation rules: every pair once
 * per walk, the first path that reaches it names it, and pairs found unchanged in full
 * are skipped by later walks.
 */
function visitPair(
  walk: SchemaWalk,
  baseWrapped: Located,
  headWrapped: Located,
  label: string,
) {
  const { ctx } = walk;
  // [X] against [X, Y] is left to compareAlternatives: Y is a new alternative.
  const unwrap =
    !hasAlternatives(baseWrapped.node) && !hasAlternatives(headWrapped.node);
  const baseLocated = unwrap
    ? unwrapSingleAlternative(baseWrapped, (n, p) => ctx.resolveBase(n, p))
    : baseWrapped;
  const headLocated = unwrap
    ? unwrapSingleAlternative(headWrapped, (n, p) => ctx.resolveHead(n, p))
    : headWrapped;
  const baseNode = baseLocated.node;
  const headNode = headLocated.node;
  if (typeof baseNode !== 'object' || baseNode === null) return;
  if (typeof headNode !== 'object' || headNode === null) return;
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
  const foundBefore = walk.found.length;
  const cutsBefore = walk.cuts;

  const pair = comparePair(ctx, walk.direction, baseLocated, headLocated);
  for (const finding of pair.findings) walk.found.push({ finding, label });
  for (const child of pair.children) {
    visitPair(walk, child.base, child.head, childLabel(label, child.step));
  }

  // Only a subtree compared in full (no stop at a visited pair, whose changes may have
  // been counted elsewhere) and without changes may be skipped by later walks.
  if (walk.found.length === foundBefore && walk.cuts === cutsBefore) {
    let heads = clean.get(baseNode);
    if (!heads) {
      heads = new WeakSet();
      clean.set(baseNode, heads);
    }
    heads.add(headNode);
  }
}

/**
 * A schema that is only `oneOf: [X]` or `anyOf: [X]` (annotations aside) accepts exactly
 * what X accepts, so it is compared as X: GitHub 17.0.0 -> 18.0.0 unwrapped
 * `oneOf: [{required: [apps], ...}]` into the member, which is no change.
 */
function unwrapSingleAlternative(
  located: Located,
  resolve: (node: unknown, pointer: string) => Located,
): Located {
  let current = located;
  for (let depth = 0; depth < 16; depth++) {
    const node = current.node;
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      return current;
    }
    const keys = Object.keys(node);
    const keyword = keys.find(k => k === 'oneOf' || k === 'anyOf');
    const members = keyword ? (node as Record<string, unknown>)[keyword] : [];
    if (
      !keyword ||
      !Array.isArray(members) ||
      members.length !== 1 ||
      !keys.every(k => k === keyword || isAnnotation(k))
    ) {
      return current;
    }
    current = resolve(members[0], joinPointer(current.pointer, keyword, 0));
  }
  return current;
}

/**
 * The head may hold a type other than null that the base did not (compareTypes reports it
 * as type-changed). A schema that only became nullable gains no shape: its new alternatives
 * still have to be reported.
 */
function gainsNonNullType(base: SchemaShape, head: SchemaShape): boolean {
  if (!base.types || !head.types) return false;
  return [...head.types].some(
    t => t !== 'null' && ![...base.types!].some(x => typeAccepts(x, t)),
  );
}

/** A oneOf or anyOf of two or more members. */
function hasAlternatives(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false;
  const schema = node as Record<string, unknown>;
  return [schema.oneOf, schema.anyOf].some(
    members => Array.isArray(members) && members.length > 1,
  );
}

function childLabel(label: string, step: LabelStep): string {
  if ('property' in step) {
    return label ? `${label}.${step.property}` : step.property;
  }
  // An alternative of the top schema: "(oneOf[3]).x", not " (oneOf[3]).x".
  return label ? `${label}${step.suffix}` : step.suffix.trimStart();
}

class FindingList {
  readonly findings: SchemaFinding[] = [];

  /** A change at a pointer in the head document. */
  head(
    id: ChangeRuleId,
    pointer: string,
    message: (at: Anchor) => string,
    severity?: ChangeSeverity,
  ) {
    this.findings.push({ id, document: 'head', pointer, message, severity });
  }

  /** A change at a pointer in the base document (what was removed). */
  base(
    id: ChangeRuleId,
    pointer: string,
    message: (at: Anchor) => string,
    severity?: ChangeSeverity,
  ) {
    this.findings.push({ id, document: 'base', pointer, message, severity });
  }
}

/** The cached comparison of a pair; YAML aliases can put one node at two pointers. */
function comparePair(
  ctx: DiffContext,
  direction: Direction,
  base: Located,
  head: Located,
): PairComparison {
  const cache = ctx.pairComparisons[direction];
  let byHead = cache.get(base.node);
  if (!byHead) {
    byHead = new WeakMap();
    cache.set(base.node, byHead);
  }
  const cached = byHead.get(head.node);
  if (
    cached &&
    cached.basePointer === base.pointer &&
    cached.headPointer === head.pointer
  ) {
    return cached;
  }
  const pair = computePair(ctx, direction, base, head);
  if (!cached) byHead.set(head.node, pair);
  return pair;
}

function computePair(
  ctx: DiffContext,
  direction: Direction,
  baseLocated: Located,
  headLocated: Located,
): PairComparison {
  const base = ctx.shapeOfBase(baseLocated);
  const head = ctx.shapeOfHead(headLocated);
  const out = new FindingList();
  const children: PairComparison['children'] = [];

  compareTypes(out, direction, base, head);
  const gainedType = gainsNonNullType(base, head);
  compareFormat(out, direction, base, head);
  compareEnums(out, direction, base, head);
  compareConstraints(out, direction, base, head);
  // An object whose properties moved into new oneOf/anyOf alternatives is reported once,
  // as the new alternatives, not as every property removed from its top level.
  if (!becameAlternatives(base, head)) {
    compareProperties(out, direction, base, head, children);
  }
  compareAdditionalProperties(ctx, out, direction, base, head, children);

  const baseItems = base.keyword('items');
  const headItems = head.keyword('items');
  if (
    baseItems &&
    headItems &&
    !Array.isArray(baseItems) &&
    !Array.isArray(headItems)
  ) {
    children.push({
      base: ctx.resolveBase(baseItems, itemsPointer(base)),
      head: ctx.resolveHead(headItems, itemsPointer(head)),
      step: { suffix: '[]' },
    });
  }
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    compareAlternatives(
      ctx,
      out,
      direction,
      keyword,
      base,
      head,
      children,
      gainedType,
    );
  }
  return {
    basePointer: baseLocated.pointer,
    headPointer: headLocated.pointer,
    findings: out.findings,
    children,
  };
}

/**
 * oneOf/anyOf members: a `$ref` member matches the member with the same `$ref`; inline
 * members match by signature (signatureOf), then by structural similarity
 * (matchBySimilarity). A response alternative the base did not have is breaking (clients
 * may receive a shape they do not know), as is a request alternative the head no longer
 * accepts.
 */
function compareAlternatives(
  ctx: DiffContext,
  out: FindingList,
  direction: Direction,
  keyword: 'oneOf' | 'anyOf',
  base: SchemaShape,
  head: SchemaShape,
  children: PairComparison['children'],
  gainedType: boolean,
) {
  const b: unknown = base.schema[keyword];
  const h: unknown = head.schema[keyword];
  if (!Array.isArray(h)) return;
  const headPointer = joinPointer(head.pointer, keyword);
  if (!Array.isArray(b)) {
    // The schema became a choice between alternatives: what a response may hold widened.
    // Unless each alternative only fixes values (compareEnums judges those) or the
    // widening is a new type, which compareTypes reported (string -> oneOf [string, array]).
    if (
      direction === 'response' &&
      Object.keys(base.schema).length > 0 &&
      !head.enum?.fromAlternatives &&
      !gainedType
    ) {
      const names = h.map((m, j) => alternativeName(keyword, m, j)).join(', ');
      out.head(
        'response-alternative-added',
        headPointer,
        at =>
          `${where(
            at,
          )} is now ${keyword} ${names}; clients may receive shapes they do not know.`,
      );
    }
    if (
      direction === 'request' &&
      base.properties.size > 0 &&
      becameAlternatives(base, head)
    ) {
      closestAlternative(ctx, keyword, base, h, headPointer, children);
    }
    return;
  }
  const basePointer = joinPointer(base.pointer, keyword);
  const headByRef = new Map<string, number>();
  h.forEach((member, j) => {
    if (isRef(member) && !headByRef.has(member.$ref)) {
      headByRef.set(member.$ref, j);
    }
  });
  const matchedHead = new Set<number>();
  const matches: Array<[number, number]> = [];
  const unmatchedBase: number[] = [];
  b.forEach((member, i) => {
    const j = isRef(member) ? headByRef.get(member.$ref) : undefined;
    if (j !== undefined && !matchedHead.has(j)) {
      matches.push([i, j]);
      matchedHead.add(j);
    } else {
      unmatchedBase.push(i);
    }
  });
  // Members with the same signature match next, so an alternative inserted in the middle
  // does not shift the comparison of the ones after it. A `$ref` member is signed by its
  // target, so an inline member moved into a component (or back) still matches.
  const signed = (doc: 'base' | 'head', members: unknown[], i: number) => {
    const member = members[i];
    if (!isRef(member)) return signatureOf(member);
    const at = joinPointer(doc === 'base' ? basePointer : headPointer, i);
    const target =
      doc === 'base'
        ? ctx.resolveBase(member, at)
        : ctx.resolveHead(member, at);
    return signatureOf(target.node);
  };
  const headBySignature = new Map<string, number>();
  h.forEach((_member, j) => {
    if (matchedHead.has(j)) return;
    const signature = signed('head', h, j);
    if (signature !== undefined && !headBySignature.has(signature)) {
      headBySignature.set(signature, j);
    }
  });
  const unsigned: number[] = [];
  for (const i of unmatchedBase) {
    const signature = signed('base', b, i);
    const j =
      signature === undefined ? undefined : headBySignature.get(signature);
    if (j !== undefined && !matchedHead.has(j)) {
      matches.push([i, j]);
      matchedHead.add(j);
    } else if (isRef(b[i])) {
      // Two different components are two different alternatives: never paired by shape.
      removed(i);
    } else {
      unsigned.push(i);
    }
  }
  const inlineHead = h.flatMap((member, j) => (isRef(member) ? [] : [j]));
  const freeHead = inlineHead.filter(j => !matchedHead.has(j));
  const matchedBase = new Set<number>();
  for (const [i, j] of matchBySimilarity(
    ctx,
    b,
    basePointer,
    unsigned,
    h,
    headPointer,
    freeHead,
  )) {
    matches.push([i, j]);
    matchedBase.add(i);
    matchedHead.add(j);
  }
  for (const i of unsigned) if (!matchedBase.has(i)) removed(i);
  h.forEach((member, j) => {
    if (matchedHead.has(j)) return;
    const added = alternativeName(keyword, member, j);
    if (direction === 'response') {
      out.head(
        'response-alternative-added',
        joinPointer(headPointer, j),
        at =>
          `${where(
            at,
          )} may now be ${added}, an alternative clients do not know.`,
      );
    } else {
      out.head(
        'request-alternative-added',
        joinPointer(headPointer, j),
        at => `${where(at)} now also accepts ${added}.`,
      );
    }
  });
  matches.sort((x, y) => x[0] - y[0]);
  for (const [i, j] of matches) {
    children.push({
      base: ctx.resolveBase(b[i], joinPointer(basePointer, i)),
      head: ctx.resolveHead(h[j], joinPointer(headPointer, j)),
      step: { suffix: ` (${keyword}[${i}])` },
    });
  }

  function removed(i: number) {
    const gone = alternativeName(keyword, (b as unknown[])[i], i);
    if (direction === 'request') {
      out.base(
        'request-alternative-removed',
        joinPointer(basePointer, i),
        at =>
          `${where(
            at,
          )} no longer accepts ${gone}; requests sending it may be rejected.`,
      );
    } else {
      out.base(
        'response-alternative-removed',
        joinPointer(basePointer, i),
        at => `${where(at)} is no longer ${gone}.`,
      );
    }
  }
}

/**
 * A request object whose properties moved into oneOf/anyOf alternatives: what clients send
 * today has to fit one of them, so the old schema is compared with the alternative closest
 * to it (GitHub 2.2.1 -> 10.0.0: POST .../issues/{}/labels became a oneOf whose members
 * all demand `minItems: 1`, so `{"labels": []}` is now rejected).
 */
function closestAlternative(
  ctx: DiffContext,
  keyword: 'oneOf' | 'anyOf',
  base: SchemaShape,
  members: unknown[],
  headPointer: string,
  children: PairComparison['children'],
) {
  const own = featuresOf(base);
  let best: { j: number; score: number } | undefined;
  members.forEach((member, j) => {
    const shape = ctx.shapeOfHead(
      ctx.resolveHead(member, joinPointer(headPointer, j)),
    );
    // Only a member that still declares everything the old object did can stand for it:
    // properties split across members (`{a, b}` -> oneOf [{a}, {b}]) have no counterpart.
    if ([...base.properties.keys()].some(p => !shape.properties.has(p))) return;
    const score = overlap(own, featuresOf(shape));
    if (score > 0 && (!best || score > best.score)) best = { j, score };
  });
  if (!best) return;
  children.push({
    base: { node: base.schema, pointer: base.pointer },
    head: ctx.resolveHead(members[best.j], joinPointer(headPointer, best.j)),
    step: { suffix: ` (${keyword}[${best.j}])` },
  });
}

/**
 * Past this many (base, head) candidates, inline members match by order: a bound on the
 * cost of a document built with huge oneOf lists. GitHub's longest oneOf/anyOf list has 33 members.
 */
const MAX_SIMILARITY_CANDIDATES = 4096;

/**
 * Pairs inline members that have no signature by what they are made of: the Jaccard
 * overlap of their types, property names, required names, enum values, format and item
 * type. Best pairs first (ties: the closer position, then the earlier base member), so
 * an alternative inserted, removed or moved anywhere in the list does not shift the
 * comparison of the others. Members that share nothing, not even a type, stay unpaired:
 * they are reported as one alternative removed and one added, which is what happened,
 * rather than compared field by field.
 */
function matchBySimilarity(
  ctx: DiffContext,
  b: unknown[],
  basePointer: string,
  baseIndexes: number[],
  h: unknown[],
  headPointer: string,
  headIndexes: number[],
): Array<[number, number]> {
  if (baseIndexes.length === 0 || headIndexes.length === 0) return [];
  if (baseIndexes.length * headIndexes.length > MAX_SIMILARITY_CANDIDATES) {
    return baseIndexes
      .slice(0, headIndexes.length)
      .map((i, k) => [i, headIndexes[k]]);
  }
  const baseFeatures = baseIndexes.map(i =>
    featuresOf(
      ctx.shapeOfBase(ctx.resolveBase(b[i], joinPointer(basePointer, i))),
    ),
  );
  const headFeatures = headIndexes.map(j =>
    featuresOf(
      ctx.shapeOfHead(ctx.resolveHead(h[j], joinPointer(headPointer, j))),
    ),
  );
  const candidates: Array<{
    x: number;
    y: number;
    score: number;
    distance: number;
  }> = [];
  baseFeatures.forEach((bf, x) =>
    headFeatures.forEach((hf, y) => {
      const score = overlap(bf, hf);
      if (score > 0) {
        candidates.push({ x, y, score, distance: Math.abs(x - y) });
      }
    }),
  );
  candidates.sort(
    (p, q) => q.score - p.score || p.distance - q.distance || p.x - q.x,
  );
  const usedBase = new Set<number>();
  const usedHead = new Set<number>();
  const pairs: Array<[number, number]> = [];
  for (const { x, y } of candidates) {
    if (usedBase.has(x) || usedHead.has(y)) continue;
    usedBase.add(x);
    usedHead.add(y);
    pairs.push([baseIndexes[x], headIndexes[y]]);
  }
  return pairs;
}

/** What an alternative is made of, as comparable strings (see matchBySimilarity). */
function featuresOf(shape: SchemaShape): Set<string> {
  const features = new Set<string>();
  for (const type of shape.types ?? []) features.add(`type:${type}`);
  for (const property of shape.properties.keys()) {
    features.add(`property:${property}`);
  }
  for (const property of shape.required) features.add(`required:${property}`);
  for (const value of shape.enum?.values ?? []) {
    features.add(`enum:${JSON.stringify(value)}`);
  }
  const format = shape.keyword('format');
  if (typeof format === 'string') features.add(`format:${format}`);
  const items = shape.keyword('items');
  if (isRef(items)) features.add(`items:${items.$ref}`);
  else if (items && typeof items === 'object') {
    const type = (items as Record<string, unknown>).type;
    if (typeof type === 'string') features.add(`items:${type}`);
  }
  return features;
}

/** Jaccard index: shared features / all features; two empty schemas are alike. */
function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const feature of a) if (b.has(feature)) shared++;
  return shared / (a.size + b.size - shared);
}

function becameAlternatives(base: SchemaShape, head: SchemaShape): boolean {
  return (
    head.properties.size === 0 &&
    (['oneOf', 'anyOf'] as const).some(
      k => Array.isArray(head.schema[k]) && !Array.isArray(base.schema[k]),
    )
  );
}

/**
 * What names an inline alternative: its title, the `$ref`s it combines with allOf (GitHub's
 * `allOf: [rule-creation, rule-ruleset-info]`), or its properties fixed to one value
 * (`enum: [x]` or `const`, a discriminated union without a discriminator). Undefined when
 * it has none of these; such members match by structural similarity.
 */
function signatureOf(member: unknown): string | undefined {
  if (!member || typeof member !== 'object') return undefined;
  const schema = member as Record<string, any>;
  if (typeof schema.title === 'string') return `title:${schema.title}`;
  if (Array.isArray(schema.allOf)) {
    const refs = schema.allOf
      .filter(isRef)
      .map((m: { $ref: string }) => m.$ref);
    if (refs.length > 0) return `allOf:${refs.join(',')}`;
  }
  const properties = schema.properties;
  if (!properties || typeof properties !== 'object') return undefined;
  const fixed: string[] = [];
  for (const [key, property] of Object.entries(properties)) {
    if (!property || typeof property !== 'object') continue;
    const p = property as Record<string, unknown>;
    if (Array.isArray(p.enum) && p.enum.length === 1) {
      fixed.push(`${key}=${JSON.stringify(p.enum[0])}`);
    } else if (p.const !== undefined) {
      fixed.push(`${key}=${JSON.stringify(p.const)}`);
    }
  }
  return fixed.length > 0 ? fixed.sort().join('&') : undefined;
}

/** `schema user` for a `$ref` to a component, `oneOf[2]` for an inline member. */
function alternativeName(keyword: string, member: unknown, index: number) {
  if (isRef(member)) {
    const last = member.$ref.slice(member.$ref.lastIndexOf('/') + 1);
    return `schema ${last.replace(/~1/g, '/').replace(/~0/g, '~')}`;
  }
  return `${keyword}[${index}]`;
}

function itemsPointer(shape: SchemaShape): string {
  // items may come from an allOf member; the pointer then names the schema that holds it.
  return joinPointer(shape.pointer, 'items');
}

/** "property a.b in the 200 response (application/json) of GET /x", capitalised. */
function where(at: Anchor): string {
  return capital(
    at.label ? `property ${at.label} in ${at.subject}` : at.subject,
  );
}

function name(at: Anchor, property: string): string {
  return at.label ? `${at.label}.${property}` : property;
}

function compareTypes(
  out: FindingList,
  direction: Direction,
  base: SchemaShape,
  head: SchemaShape,
) {
  let b = base.types;
  let h = head.types;
  if (!b && !h) return;
  // Two oneOf (or anyOf) lists: compareAlternatives pairs their members, and a member's
  // type is judged in its pair, not again as a change of the union. Only null, which the
  // list itself may allow (`nullable: true` next to anyOf), is judged here.
  if (b && h && base.typesFrom && base.typesFrom === head.typesFrom) {
    const onlyNull = (types: Set<string>) =>
      new Set(types.has('null') ? ['null'] : []);
    b = onlyNull(b);
    h = onlyNull(h);
  }
  const list = (s?: Set<string>) =>
    s ? [...s].sort().join(' | ') : 'any type';
  const pointer = joinPointer(head.pointer, 'type');
  if (direction === 'request') {
    // Everything the client could send before must still be accepted.
    if (!h) return;
    const lost = b
      ? [...b].filter(t => ![...h].some(x => typeAccepts(x, t)))
      : ['any'];
    if (lost.length === 0) return;
    out.head('type-changed', pointer, at =>
      b && lost.length === 1 && lost[0] === 'null'
        ? `${where(at)} no longer accepts null.`
        : `${where(at)} changed type from ${list(b)} to ${list(
            h,
          )}; values clients send today may be rejected.`,
    );
  } else {
    // Everything the server may return now must have been possible before.
    if (!b) return;
    const gained = h
      ? [...h].filter(t => ![...b].some(x => typeAccepts(x, t)))
      : ['any'];
    if (gained.length === 0) return;
    out.head('type-changed', pointer, at =>
      h && gained.length === 1 && gained[0] === 'null'
        ? `${where(at)} may now be null.`
        : `${where(at)} changed type from ${list(b)} to ${list(
            h,
          )}; clients may not parse the new values.`,
    );
  }
}

function compareFormat(
  out: FindingList,
  direction: Direction,
  base: SchemaShape,
  head: SchemaShape,
) {
  const b = base.keyword('format') as string | undefined;
  const h = head.keyword('format') as string | undefined;
  if (b === h) return;
  const changed = b !== undefined && h !== undefined;
  const addedToRequest = direction === 'request' && b === undefined;
  const removedFromResponse = direction === 'response' && h === undefined;
  if (!changed && !addedToRequest && !removedFromResponse) return;
  if (removedFromResponse) {
    out.base(
      'format-changed',
      joinPointer(base.pointer, 'format'),
      at => `${where(at)} no longer promises format ${b}.`,
    );
    return;
  }
  out.head('format-changed', joinPointer(head.pointer, 'format'), at =>
    changed
      ? `${where(at)} changed format from ${b} to ${h}.`
      : `${where(at)} now requires format ${h}.`,
  );
}

function compareEnums(
  out: FindingList,
  direction: Direction,
  base: SchemaShape,
  head: SchemaShape,
) {
  const b = base.enum;
  const h = head.enum;
  if (!b && !h) return;
  // Alternatives on both sides are paired by compareAlternatives, which compares the
  // members' values one by one.
  if (b?.fromAlternatives && h?.fromAlternatives) return;
  const show = (v: unknown) => JSON.stringify(v);
  if (direction === 'request') {
    if (!h) return;
    if (!b) {
      const values = h.values.map(show).join(', ');
      out.head(
        'request-constraint-tightened',
        h.pointer,
        at => `${where(at)} now only accepts ${values}.`,
      );
      return;
    }
    const hs = new Set(h.values.map(show));
    const bs = new Set(b.values.map(show));
    b.values.forEach((value, i) => {
      const shown = show(value);
      if (!hs.has(shown)) {
        out.base(
          'request-enum-value-removed',
          b.pointerOf(i),
          at => `${where(at)} no longer accepts the value ${shown}.`,
        );
      }
    });
    h.values.forEach((value, i) => {
      const shown = show(value);
      if (!bs.has(shown)) {
        out.head(
          'request-enum-value-added',
          h.pointerOf(i),
          at => `${where(at)} now also accepts the value ${shown}.`,
        );
      }
    });
  } else {
    if (!b) return;
    if (!h) {
      const values = b.values.map(show).join(', ');
      out.base(
        'response-constraint-loosened',
        b.pointer,
        at => `${where(at)} is no longer limited to ${values}.`,
      );
      return;
    }
    const bs = new Set(b.values.map(show));
    h.values.forEach((value, i) => {
      const shown = show(value);
      if (!bs.has(shown)) {
        out.head(
          'response-enum-value-added',
          h.pointerOf(i),
          at =>
            `${where(
              at,
            )} may now return the value ${shown}, which clients do not know.`,
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
  out: FindingList,
  direction: Direction,
  base: SchemaShape,
  head: SchemaShape,
) {
  const request = direction === 'request';
  const tightened = (keyword: string, text: string) =>
    out.head(
      'request-constraint-tightened',
      joinPointer(head.pointer, keyword),
      at => `${where(at)}: ${text}; requests valid today may be rejected.`,
    );
  const loosened = (keyword: string, text: string, removed: boolean) => {
    const message = (at: Anchor) =>
      `${where(at)}: ${text}; clients that rely on the old limit may break.`;
    if (removed) {
      out.base(
        'response-constraint-loosened',
        joinPointer(base.pointer, keyword),
        message,
      );
    } else {
      out.head(
        'response-constraint-loosened',
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
  out: FindingList,
  direction: Direction,
  base: SchemaShape,
  head: SchemaShape,
  children: PairComparison['children'],
) {
  const request = direction === 'request';
  // A client never sends readOnly properties and never receives writeOnly ones.
  const hidden = (p: Located) =>
    request ? p.node?.readOnly === true : p.node?.writeOnly === true;
  const becameOptional = (prop: string, headProp: { declaredAt: string }) =>
    out.head(
      'response-property-became-optional',
      headProp.declaredAt,
      at =>
        `Property ${name(at, prop)} of ${
          at.subject
        } is no longer always present.`,
    );

  for (const [prop, baseProp] of base.properties) {
    const headProp = head.properties.get(prop);
    if (hidden(baseProp) && (!headProp || hidden(headProp))) continue;
    if (!headProp) {
      if (request) {
        const strict = head.keyword('additionalProperties') === false;
        out.base(
          'request-property-removed',
          baseProp.declaredAt,
          strict
            ? at =>
                `Property ${name(at, prop)} was removed from ${
                  at.subject
                }, which rejects unknown properties: clients still sending it will fail.`
            : at =>
                `Property ${name(at, prop)} was removed from ${
                  at.subject
                }; clients still sending it may be ignored or rejected.`,
          strict ? 'breaking' : undefined,
        );
      } else if (base.required.has(prop)) {
        out.base(
          'response-property-removed',
          baseProp.declaredAt,
          at => `Property ${name(at, prop)} was removed from ${at.subject}.`,
        );
      } else {
        // The schema never promised an optional property: a correct client copes with its
        // absence, one written against what the server happened to send may not.
        out.base(
          'response-optional-property-removed',
          baseProp.declaredAt,
          at =>
            `Optional property ${name(at, prop)} was removed from ${
              at.subject
            }; clients that relied on it being sent may break.`,
        );
      }
      continue;
    }
    if (!request && base.required.has(prop) && !head.required.has(prop)) {
      becameOptional(prop, headProp);
    }
    if (
      request &&
      !base.required.has(prop) &&
      head.required.has(prop) &&
      !hidden(headProp)
    ) {
      out.head(
        'request-property-became-required',
        headProp.declaredAt,
        at => `Property ${name(at, prop)} of ${at.subject} became required.`,
      );
    }
    children.push({
      base: baseProp,
      head: headProp,
      step: { property: prop },
    });
  }
  for (const [prop, headProp] of head.properties) {
    if (base.properties.has(prop) || hidden(headProp)) continue;
    // A name in `required` without a declaration still constrains: the base promised it
    // in responses and demanded it in requests (GitHub's content-tree.content).
    if (base.required.has(prop)) {
      if (!request && !head.required.has(prop)) becameOptional(prop, headProp);
      continue;
    }
    if (request && head.required.has(prop)) {
      out.head(
        'new-required-request-property',
        headProp.declaredAt,
        at =>
          `${capital(at.subject)} requires a new property ${name(at, prop)}.`,
      );
    } else if (request) {
      out.head(
        'request-property-added',
        headProp.declaredAt,
        at =>
          `${capital(at.subject)} accepts a new optional property ${name(
            at,
            prop,
          )}.`,
      );
    } else {
      out.head(
        'response-property-added',
        headProp.declaredAt,
        at => `${capital(at.subject)} has a new property ${name(at, prop)}.`,
      );
    }
  }
}

/**
 * `additionalProperties` (absent or `true` or `{}`: anything; `false`: nothing; a schema:
 * values that match it). A request object that accepted undeclared properties and now
 * rejects them, or limits them to a schema, is tightened. Two map schemas are compared
 * value against value, reported under `name.*`. The response side needs no rule of its
 * own: a new undeclared property is as harmless to clients as a new declared one.
 */
function compareAdditionalProperties(
  ctx: DiffContext,
  out: FindingList,
  direction: Direction,
  base: SchemaShape,
  head: SchemaShape,
  children: PairComparison['children'],
) {
  const pointer = (shape: SchemaShape) =>
    joinPointer(shape.pointer, 'additionalProperties');
  const rawB = base.keyword('additionalProperties');
  const rawH = head.keyword('additionalProperties');
  // A $ref to an empty schema allows anything, as `{}` does.
  const b = isRef(rawB) ? ctx.resolveBase(rawB, pointer(base)).node : rawB;
  const h = isRef(rawH) ? ctx.resolveHead(rawH, pointer(head)).node : rawH;
  const anything = (v: unknown) =>
    v === undefined || v === true || isEmptySchema(v);
  const valueSchema = (v: unknown): v is object =>
    typeof v === 'object' && v !== null && !isEmptySchema(v);

  if (valueSchema(b) && valueSchema(h)) {
    children.push({
      base: ctx.resolveBase(rawB, pointer(base)),
      head: ctx.resolveHead(rawH, pointer(head)),
      step: { property: '*' },
    });
    return;
  }
  if (direction === 'response' && valueSchema(b) && anything(h)) {
    out.base(
      'type-changed',
      pointer(base),
      at =>
        `${where(
          at,
        )}: the values of properties it does not declare were limited by a schema and may now be anything; clients may not parse them.`,
    );
    return;
  }
  if (direction !== 'request' || !(anything(b) || valueSchema(b))) return;
  let restriction: string | undefined;
  if (h === false) {
    restriction =
      'no longer accepts properties it does not declare (additionalProperties: false); requests that send any will be rejected';
  } else if (valueSchema(h) && anything(b)) {
    restriction =
      'now limits the properties it does not declare to a schema (additionalProperties); requests valid today may be rejected';
  }
  if (restriction) {
    out.head(
      'request-additional-properties-restricted',
      pointer(head),
      at => `${where(at)} ${restriction}.`,
    );
  }
}

/** Annotations constrain nothing: `{ description: 'x' }` accepts any value, as `{}` does. */
const ANNOTATIONS = new Set([
  'title',
  'description',
  'example',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
]);

function isAnnotation(keyword: string): boolean {
  return ANNOTATIONS.has(keyword) || keyword.startsWith('x-');
}

function isEmptySchema(v: unknown): boolean {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.keys(v).every(isAnnotation)
  );
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

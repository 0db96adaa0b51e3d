import type { Change, ChangeSeverity } from '@plinth/openapi-governance';
import {
  Category,
  oasdiffCategory,
  operationKey,
  plinthCategory,
} from './categories';

/** One entry of `oasdiff breaking|changelog --format json`. */
export interface OasdiffFinding {
  id: string;
  /** 3 = ERR (breaking), 2 = WARN (potentially breaking), 1 = INFO. */
  level: number;
  operation?: string;
  path?: string;
  text: string;
}

interface PlinthExample {
  key: string;
  id: string;
  message: string;
}

interface OasdiffExample {
  key: string;
  id: string;
  text: string;
}

export interface CategoryAgreement {
  both: number;
  plinthOnly: number;
  oasdiffOnly: number;
  /** Plinth-only keys that oasdiff lists at a lower level (a severity policy). */
  plinthOnlyLowerInOasdiff: number;
  /** oasdiff-only keys that Plinth lists at a lower severity (a severity policy). */
  oasdiffOnlyLowerInPlinth: number;
  /** One example of each side's extra findings, for explaining the disagreement. */
  examples: {
    plinthOnly?: PlinthExample;
    plinthOnlyLowerInOasdiff?: PlinthExample & { oasdiffId: string };
    oasdiffOnly?: OasdiffExample;
    oasdiffOnlyLowerInPlinth?: OasdiffExample & { plinthId: string };
  };
}

/** One key found by one tool only, and how the other tool saw it (if at all). */
export interface Disagreement {
  key: string;
  /** The tool that reported the key in scope. */
  foundBy: 'plinth' | 'oasdiff';
  id: string;
  text: string;
  /** The other tool's rule id when it lists the key at a lower level (a severity policy). */
  lowerId?: string;
}

export interface Agreement {
  scope: AgreementScope;
  /** Distinct (operation, category) keys in scope. */
  plinth: number;
  oasdiff: number;
  both: number;
  /** both / (keys found by either tool); 1 when neither finds anything. */
  agreement: number;
  byCategory: Partial<Record<Category, CategoryAgreement>>;
  /** Every key in scope found by one tool only, sorted by key: what RESULTS.md explains. */
  disagreements: Disagreement[];
}

const key = (operation: string, category: Category) =>
  `${operation} ${category}`;

function plinthKeys(
  changes: Change[],
  severities: ReadonlyArray<ChangeSeverity>,
) {
  const keys = new Map<string, Change>();
  for (const change of changes) {
    if (!severities.includes(change.severity)) continue;
    const category = plinthCategory(change);
    if (!category) continue;
    const k = key(
      operationKey(change.location.method!, change.location.path),
      category,
    );
    if (!keys.has(k)) keys.set(k, change);
  }
  return keys;
}

function oasdiffKeys(
  findings: OasdiffFinding[],
  levels: ReadonlyArray<number>,
) {
  const keys = new Map<string, OasdiffFinding>();
  for (const finding of findings) {
    if (
      !levels.includes(finding.level) ||
      !finding.operation ||
      !finding.path
    ) {
      continue;
    }
    const k = key(
      operationKey(finding.operation, finding.path),
      oasdiffCategory(finding.id),
    );
    if (!keys.has(k)) keys.set(k, finding);
  }
  return keys;
}

/** Which severities count: each tool's top level by default, or the top two. */
export type AgreementScope = 'breaking' | 'breaking-or-potentially';

const SCOPES: Record<
  AgreementScope,
  { plinth: ChangeSeverity[]; oasdiff: number[] }
> = {
  breaking: { plinth: ['breaking'], oasdiff: [3] },
  'breaking-or-potentially': {
    plinth: ['breaking', 'potentially-breaking'],
    oasdiff: [3, 2],
  },
};

/**
 * Agreement on breaking changes: Plinth's breaking findings against oasdiff's ERR ones
 * (or, with 'breaking-or-potentially', Plinth's potentially breaking and oasdiff's WARN
 * ones too), matched by operation (method + path template) and category. Each tool's
 * full listing tells a severity difference (both see the change, one rates it lower)
 * from a change one tool does not report at all.
 */
export function compareWithOasdiff(
  plinth: Change[],
  oasdiffChangelog: OasdiffFinding[],
  scope: AgreementScope = 'breaking',
): Agreement {
  const ours = plinthKeys(plinth, SCOPES[scope].plinth);
  const oursAll = plinthKeys(plinth, [
    'breaking',
    'potentially-breaking',
    'non-breaking',
  ]);
  const theirs = oasdiffKeys(oasdiffChangelog, SCOPES[scope].oasdiff);
  const theirsAll = oasdiffKeys(oasdiffChangelog, [3, 2, 1]);
  const byCategory: Partial<Record<Category, CategoryAgreement>> = {};
  const entry = (category: Category) =>
    (byCategory[category] ??= {
      both: 0,
      plinthOnly: 0,
      oasdiffOnly: 0,
      plinthOnlyLowerInOasdiff: 0,
      oasdiffOnlyLowerInPlinth: 0,
      examples: {},
    });
  const categoryOf = (k: string) => k.slice(k.lastIndexOf(' ') + 1) as Category;

  const disagreements: Disagreement[] = [];
  let both = 0;
  for (const [k, change] of ours) {
    const e = entry(categoryOf(k));
    if (theirs.has(k)) {
      both++;
      e.both++;
      continue;
    }
    e.plinthOnly++;
    const example = { key: k, id: change.id, message: change.message };
    const lower = theirsAll.get(k);
    disagreements.push({
      key: k,
      foundBy: 'plinth',
      id: change.id,
      text: change.message,
      ...(lower ? { lowerId: lower.id } : {}),
    });
    if (lower) {
      e.plinthOnlyLowerInOasdiff++;
      e.examples.plinthOnlyLowerInOasdiff ??= {
        ...example,
        oasdiffId: lower.id,
      };
    } else {
      e.examples.plinthOnly ??= example;
    }
  }
  for (const [k, finding] of theirs) {
    if (ours.has(k)) continue;
    const e = entry(categoryOf(k));
    e.oasdiffOnly++;
    const example = { key: k, id: finding.id, text: finding.text };
    const lower = oursAll.get(k);
    disagreements.push({
      key: k,
      foundBy: 'oasdiff',
      id: finding.id,
      text: finding.text,
      ...(lower ? { lowerId: lower.id } : {}),
    });
    if (lower) {
      e.oasdiffOnlyLowerInPlinth++;
      e.examples.oasdiffOnlyLowerInPlinth ??= {
        ...example,
        plinthId: lower.id,
      };
    } else {
      e.examples.oasdiffOnly ??= example;
    }
  }
  const union = ours.size + theirs.size - both;
  return {
    scope,
    plinth: ours.size,
    oasdiff: theirs.size,
    both,
    agreement: union === 0 ? 1 : +(both / union).toFixed(4),
    byCategory,
    disagreements: disagreements.sort((a, b) => a.key.localeCompare(b.key)),
  };
}

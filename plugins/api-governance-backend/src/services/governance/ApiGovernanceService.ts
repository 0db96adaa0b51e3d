import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type {
  FamilyList,
  FamilySummary,
  FamilyTimeline,
  LineDetail,
  LineDiff,
  LineDiffSummary,
  LintReport,
  LintSummary,
  ViolationCounts,
} from '@plinth/plugin-api-governance-common';
import { createHash } from 'node:crypto';
import {
  DefinitionError,
  type Comparison,
  type Inspection,
  type SpecAnalyzer,
} from '../analysis';
import type { ApiCatalog, ApiEntity, ConsumerEntity } from '../catalog';
import type { EntityOwnership, OwnershipDirectory } from '../ownership';
import { countChanges, groupByOperation } from './changes';
import { consumerImpact, type Migration } from './consumers';
import { formatDay } from './dates';
import {
  compareLines,
  currentLine,
  familyTitle,
  groupByFamily,
  toFamilyLine,
  type FamilyLine,
} from './family';
import { pageOf } from './paging';
import { evaluatePolicy, type ConsecutiveLines } from './policy';

export type PageRequest = { pageSize?: number; pageToken?: string };

export type ApiGovernanceServiceOptions = {
  catalog: ApiCatalog;
  ownership: OwnershipDirectory;
  analyzer: SpecAnalyzer;
  logger: LoggerService;
  minDeprecationDays: number;
  /** Injected in tests. */
  clock?: () => Date;
};

const DEFAULT_PAGE_SIZE = { families: 50, operations: 200, findings: 500 };

type BuiltFamily = {
  timeline: FamilyTimeline;
  lines: FamilyLine[];
};

function fingerprint(...parts: string[]): string {
  return createHash('sha256')
    .update(parts.join('\u0000'))
    .digest('base64url')
    .slice(0, 16);
}

function lintSummary(
  inspection: Inspection | undefined,
): LintSummary | undefined {
  if (!inspection?.ok) return undefined;
  const summary = { error: 0, warning: 0, info: 0 };
  for (const finding of inspection.findings) summary[finding.severity]++;
  return summary;
}

/** Reads an API ref given by a client: `api:ns/name`, `ns/name` or `name`. */
export function parseApiRef(value: string, parameter: string): string {
  let ref;
  try {
    ref = parseEntityRef(value, {
      defaultKind: 'api',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `${parameter} is not an entity ref (kind:namespace/name): ${
        (error as Error).message
      }`,
    );
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'api') {
    throw new InputError(
      `${parameter} must name an API entity, got kind "${ref.kind}" in "${value}"`,
    );
  }
  return stringifyEntityRef(ref);
}

/**
 * The API governance views, computed per request from the catalog (with the caller's
 * credentials), the ownership backend and the cached analysis of each definition.
 */
export class ApiGovernanceService {
  private readonly catalog: ApiCatalog;
  private readonly ownership: OwnershipDirectory;
  private readonly analyzer: SpecAnalyzer;
  private readonly logger: LoggerService;
  private readonly minDeprecationDays: number;
  private readonly clock: () => Date;

  constructor(options: ApiGovernanceServiceOptions) {
    this.catalog = options.catalog;
    this.ownership = options.ownership;
    this.analyzer = options.analyzer;
    this.logger = options.logger;
    this.minDeprecationDays = options.minDeprecationDays;
    this.clock = options.clock ?? (() => new Date());
  }

  async listFamilies(
    credentials: BackstageCredentials,
    page: PageRequest = {},
  ): Promise<FamilyList> {
    const families = groupByFamily(
      await this.catalog.listFamilyApis(credentials),
    );
    const names = [...families.keys()];
    const { items, totalItems, nextPageToken } = pageOf(
      names,
      {
        pageSize: page.pageSize ?? DEFAULT_PAGE_SIZE.families,
        pageToken: page.pageToken,
      },
      fingerprint('families', ...names),
    );
    const summaries: FamilySummary[] = [];
    for (const name of items) {
      const { timeline } = await this.buildFamily(
        name,
        families.get(name)!,
        credentials,
        { withContacts: false },
      );
      summaries.push({
        name: timeline.name,
        title: timeline.title,
        ...(timeline.owner && { owner: timeline.owner }),
        lines: timeline.lines.map(
          ({ lint: _l, consumers: _c, violations: _v, ...version }) => version,
        ),
        counts: timeline.counts,
      });
    }
    return {
      items: summaries,
      totalItems,
      ...(nextPageToken && { nextPageToken }),
    };
  }

  async getFamily(
    name: string,
    credentials: BackstageCredentials,
  ): Promise<FamilyTimeline> {
    const apis = await this.familyApis(name, credentials);
    return (
      await this.buildFamily(name, apis, credentials, { withContacts: true })
    ).timeline;
  }

  async getDiff(
    name: string,
    base: string,
    head: string,
    credentials: BackstageCredentials,
    page: PageRequest = {},
  ): Promise<LineDiff> {
    const baseRef = parseApiRef(base, 'base');
    const headRef = parseApiRef(head, 'head');
    const apis = await this.familyApis(name, credentials);
    const lineOf = (ref: string) => {
      const api = apis.find(a => a.entityRef === ref);
      if (!api) {
        throw new NotFoundError(
          `${ref} is not a line of the API family "${name}" (or you may not read it); its lines are ${apis
            .map(a => a.entityRef)
            .join(', ')}`,
        );
      }
      return api;
    };
    const [baseApi, headApi] = [lineOf(baseRef), lineOf(headRef)];
    const now = this.clock();
    const [baseLine, headLine] = await Promise.all(
      [baseApi, headApi].map(async api =>
        toFamilyLine(api, await this.inspectOrThrow(api), now),
      ),
    );
    const comparison = await this.compare(baseLine, headLine, now);
    if (!comparison || !comparison.ok) {
      throw new DefinitionError(
        comparison && !comparison.ok ? comparison.source : baseRef,
        comparison && !comparison.ok
          ? comparison.problem
          : {
              code: 'NOT_COMPARABLE',
              message: 'the definitions cannot be compared',
            },
      );
    }
    const operations = groupByOperation(comparison.changes);
    const paged = pageOf(
      operations,
      {
        pageSize: page.pageSize ?? DEFAULT_PAGE_SIZE.operations,
        pageToken: page.pageToken,
      },
      fingerprint(
        'diff',
        name,
        baseRef,
        headRef,
        ...comparison.changes.map(c => `${c.ruleId}${c.location.pointer}`),
      ),
    );
    return {
      family: name,
      base: baseLine.version,
      head: headLine.version,
      counts: countChanges(comparison.changes),
      ...paged,
    };
  }

  async getLint(
    entityRef: string,
    credentials: BackstageCredentials,
    page: PageRequest = {},
  ): Promise<LintReport> {
    const ref = parseApiRef(entityRef, 'entity');
    const api = await this.catalog.getApi(ref, credentials);
    if (!api) {
      throw new NotFoundError(
        `No API entity ${ref} in the catalog (or you may not read it)`,
      );
    }
    const inspection = await this.inspectOrThrow(api);
    const line = toFamilyLine(api, inspection, this.clock());
    const findings = inspection.ok ? inspection.findings : [];
    const paged = pageOf(
      findings,
      {
        pageSize: page.pageSize ?? DEFAULT_PAGE_SIZE.findings,
        pageToken: page.pageToken,
      },
      fingerprint(
        'lint',
        ref,
        ...findings.map(f => `${f.ruleId}${f.pointer}${f.message}`),
      ),
    );
    return {
      api: line.version,
      summary: lintSummary(inspection)!,
      ...paged,
    };
  }

  private async familyApis(
    name: string,
    credentials: BackstageCredentials,
  ): Promise<ApiEntity[]> {
    const apis = (await this.catalog.listFamilyApis(credentials)).filter(
      api => api.family === name,
    );
    if (apis.length === 0) {
      throw new NotFoundError(
        `No API family "${name}": no API entity has the annotation plinth.dev/api-family: ${name} (or you may not read it)`,
      );
    }
    return apis;
  }

  /** The inspection of an OpenAPI line; undefined for other types. Never throws for bad documents. */
  private async inspect(api: ApiEntity): Promise<Inspection | undefined> {
    if (api.type !== 'openapi') return undefined;
    if (typeof api.definition !== 'string') {
      return {
        ok: false,
        problem: {
          code: 'NO_DEFINITION',
          message: `${api.entityRef} has no spec.definition text`,
        },
      };
    }
    return this.analyzer.inspect({
      source: api.entityRef,
      text: api.definition,
    });
  }

  /** For the routes about one definition: anything unusable is a 422 naming the entity. */
  private async inspectOrThrow(
    api: ApiEntity,
  ): Promise<Inspection & { ok: true }> {
    const inspection = await this.inspect(api);
    if (!inspection) {
      throw new DefinitionError(api.entityRef, {
        code: 'NOT_OPENAPI',
        message: `${api.entityRef} has spec.type "${
          api.type ?? ''
        }"; only OpenAPI definitions are linted and compared`,
      });
    }
    if (!inspection.ok) {
      throw new DefinitionError(api.entityRef, inspection.problem);
    }
    return inspection;
  }

  private async compare(
    base: FamilyLine,
    head: FamilyLine,
    now: Date,
  ): Promise<Comparison | undefined> {
    if (!base.inspection?.ok || !head.inspection?.ok) return undefined;
    return this.analyzer.compare({
      base: {
        source: base.entity.entityRef,
        text: base.entity.definition as string,
      },
      head: {
        source: head.entity.entityRef,
        text: head.entity.definition as string,
      },
      now,
      sunsetAt:
        base.sunsetDay === undefined ? undefined : formatDay(base.sunsetDay),
    });
  }

  private async buildFamily(
    name: string,
    apis: ApiEntity[],
    credentials: BackstageCredentials,
    options: { withContacts: boolean },
  ): Promise<BuiltFamily> {
    const now = this.clock();
    const lines = (
      await Promise.all(
        apis.map(async api => toFamilyLine(api, await this.inspect(api), now)),
      )
    ).sort(compareLines);

    const pairs: ConsecutiveLines[] = [];
    for (let i = 0; i + 1 < lines.length; i++) {
      const [base, head] = [lines[i], lines[i + 1]];
      pairs.push({
        base,
        head,
        comparison: await this.compare(base, head, now),
      });
    }

    const consumerRefs = [
      ...new Set(lines.flatMap(l => l.entity.consumerRefs)),
    ];
    const consumers = new Map<string, ConsumerEntity>(
      (await this.catalog.getConsumers(consumerRefs, credentials)).map(c => [
        c.entityRef,
        c,
      ]),
    );
    const consumersOf = (line: FamilyLine) =>
      line.entity.consumerRefs
        .map(ref => consumers.get(ref))
        .filter((c): c is ConsumerEntity => !!c);

    // The policy needs the ownership of production lines only; contacts need consumers'.
    const asked: EntityOwnership[] = [];
    const ownershipOf = async (ref: string) => {
      const answer = await this.ownership.ownershipOf(ref);
      asked.push(answer);
      return answer;
    };
    const lineOwnership = new Map<string, EntityOwnership>();
    for (const line of lines) {
      lineOwnership.set(
        line.entity.entityRef,
        line.entity.lifecycle === 'production'
          ? await ownershipOf(line.entity.entityRef)
          : { state: 'unknown' },
      );
    }

    const violations = evaluatePolicy(
      lines.map(line => ({
        line,
        consumers: consumersOf(line),
        ownership: lineOwnership.get(line.entity.entityRef)!,
      })),
      pairs,
      { minDeprecationDays: this.minDeprecationDays, now },
    );

    const current = currentLine(lines);
    const details: LineDetail[] = [];
    for (const line of lines) {
      const lineConsumers = consumersOf(line);
      let migration: Migration | undefined;
      if (
        options.withContacts &&
        current &&
        current !== line &&
        lineConsumers.length > 0 &&
        compareLines(line, current) < 0
      ) {
        const comparison = await this.compare(line, current, now);
        migration = {
          toEntityRef: current.entity.entityRef,
          ...(comparison?.ok && { changes: countChanges(comparison.changes) }),
        };
      }
      const impacts = [];
      for (const consumer of lineConsumers) {
        impacts.push(
          consumerImpact(
            line,
            consumer,
            options.withContacts
              ? await ownershipOf(consumer.entityRef)
              : undefined,
            migration,
            now,
          ),
        );
      }
      const lint = lintSummary(line.inspection);
      details.push({
        ...line.version,
        ...(lint && { lint }),
        consumers: impacts,
        violations: violations.get(line.entity.entityRef) ?? [],
      });
    }

    const diffs: LineDiffSummary[] = pairs.map(
      ({ base, head, comparison }) => ({
        baseEntityRef: base.entity.entityRef,
        headEntityRef: head.entity.entityRef,
        ...(comparison?.ok && { changes: countChanges(comparison.changes) }),
        ...(comparison && !comparison.ok && { problem: comparison.problem }),
      }),
    );

    const counts: ViolationCounts = {
      violations: details.reduce((n, l) => n + l.violations.length, 0),
      breakingChanges: diffs.reduce(
        (n, d) => n + (d.changes?.breaking ?? 0),
        0,
      ),
      lintErrors: details.reduce((n, l) => n + (l.lint?.error ?? 0), 0),
      consumers: new Set(
        lines.flatMap(l => consumersOf(l).map(c => c.entityRef)),
      ).size,
    };
    const ownershipState = asked.some(a => a.state === 'unavailable')
      ? 'unavailable'
      : 'ok';
    if (ownershipState === 'unavailable') {
      this.logger.debug('Family built without ownership answers', {
        family: name,
      });
    }
    const owner = current?.entity.owner;
    return {
      lines,
      timeline: {
        name,
        title: familyTitle(name, lines),
        ...(owner && { owner }),
        lines: details,
        diffs,
        counts,
        ownership: ownershipState,
      },
    };
  }
}

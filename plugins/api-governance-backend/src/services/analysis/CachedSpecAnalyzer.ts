import type { LoadLimits } from '@plinth/openapi-governance';
import { createHash } from 'node:crypto';
import { AnalysisLimitExceeded } from './AnalysisWorkerPool';
import { LruCache } from './LruCache';
import type { AnalysisJob, AnalysisResult } from './runAnalysisJob';
import type {
  Comparison,
  DefinitionInput,
  DiffRequest,
  Inspection,
  SpecAnalyzer,
} from './types';

/** Where jobs run: the worker pool in the plugin, the job function itself in some tests. */
export type AnalysisRunner = {
  run(job: AnalysisJob): Promise<AnalysisResult>;
};

export type CachedSpecAnalyzerOptions = {
  runner: AnalysisRunner;
  limits: LoadLimits;
  maxEntries: number;
};

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Sunset rules depend on the date, not the time: one diff per pair of documents per day. */
function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Lint and diff results computed once per definition: keyed by a hash of the documents
 * (and, for diffs, the sunset date and the day), kept in a bounded LRU. Concurrent requests
 * for the same key share one job. Results that exceeded the time or memory limit are
 * cached too: the same document would exceed them again.
 */
export class CachedSpecAnalyzer implements SpecAnalyzer {
  private readonly runner: AnalysisRunner;
  private readonly limits: LoadLimits;
  private readonly cache: LruCache<string, Promise<AnalysisResult>>;

  constructor(options: CachedSpecAnalyzerOptions) {
    this.runner = options.runner;
    this.limits = options.limits;
    this.cache = new LruCache(options.maxEntries);
  }

  async inspect(definition: DefinitionInput): Promise<Inspection> {
    // The source is part of the key: messages name the entity the text came from.
    const key = `inspect:${sha256(definition.text)}:${definition.source}`;
    return (await this.cached(key, {
      type: 'inspect',
      definition,
      limits: this.limits,
    })) as Inspection;
  }

  async compare(request: DiffRequest): Promise<Comparison> {
    const { base, head, sunsetAt } = request;
    const now = `${dayOf(request.now)}T00:00:00.000Z`;
    const key = [
      'compare',
      sha256(base.text),
      base.source,
      sha256(head.text),
      head.source,
      sunsetAt ?? '',
      now,
    ].join(':');
    return (await this.cached(key, {
      type: 'compare',
      base,
      head,
      now,
      sunsetAt,
      limits: this.limits,
    })) as Comparison;
  }

  private cached(key: string, job: AnalysisJob): Promise<AnalysisResult> {
    const hit = this.cache.get(key);
    if (hit) return hit;
    const result = this.runner.run(job).catch(error => {
      if (error instanceof AnalysisLimitExceeded) {
        const source =
          job.type === 'inspect'
            ? job.definition.source
            : `${job.base.source} -> ${job.head.source}`;
        return {
          ok: false as const,
          problem: {
            ...error.problem,
            message: `${source}: ${error.problem.message}`,
          },
          source,
        };
      }
      // Transient failures (worker crash, queue full) are not remembered.
      this.cache.delete(key);
      throw error;
    });
    this.cache.set(key, result);
    return result;
  }
}

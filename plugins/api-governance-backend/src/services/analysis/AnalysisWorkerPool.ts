import {
  resolvePackagePath,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import type { DefinitionProblem } from '@plinth/plugin-api-governance-common';
import { Worker } from 'node:worker_threads';
import type { AnalysisJob, AnalysisResult } from './runAnalysisJob';

export type AnalysisWorkerLimits = {
  /** A job running longer is stopped by terminating its worker. */
  timeoutMs: number;
  /** V8 old-generation heap of the worker; exceeding it ends the worker, not the backend. */
  maxOldGenerationSizeMb: number;
  /** Jobs waiting beyond this many are refused (503) instead of queueing without bound. */
  maxQueuedJobs: number;
};

export type AnalysisWorkerPoolOptions = {
  limits: AnalysisWorkerLimits;
  logger: LoggerService;
  /** How long a new worker may take to load its modules (SWC, Spectral) before a job. */
  startupTimeoutMs?: number;
};

/** What a job ends with when it exceeds its bounds: reported like an invalid document. */
export class AnalysisLimitExceeded extends Error {
  constructor(readonly problem: DefinitionProblem) {
    super(problem.message);
    this.name = 'AnalysisLimitExceeded';
  }
}

/** What the worker posts back for a job (see worker/analysisWorkerMain.ts). */
type WorkerAnswer = {
  result?: AnalysisResult;
  failure?: { name: string; message: string };
};

type Pending = {
  job: AnalysisJob;
  resolve(result: AnalysisResult): void;
  reject(error: Error): void;
};

/*
 * The worker runs from the package's sources, as the whole backend does in this repository
 * (no build step). A bundled production build would have to ship this folder too.
 */
const WORKER_FILE = resolvePackagePath(
  '@plinth/plugin-api-governance-backend',
  'src/services/analysis/worker/analysisWorker.js',
);

/**
 * Runs analysis jobs one at a time in a worker thread with a memory limit and a timeout.
 * A document built to blow up (deep nesting, reference cycles, huge enums) costs at most
 * `timeoutMs` and `maxOldGenerationSizeMb`: the worker is terminated and the next job gets
 * a fresh one. One worker keeps a 2-core machine responsive; results are cached above this.
 */
export class AnalysisWorkerPool {
  private readonly limits: AnalysisWorkerLimits;
  private readonly logger: LoggerService;
  private readonly startupTimeoutMs: number;
  private readonly queue: Pending[] = [];
  private worker?: Promise<Worker>;
  private running = false;
  private closed = false;

  constructor(options: AnalysisWorkerPoolOptions) {
    this.limits = options.limits;
    this.logger = options.logger;
    this.startupTimeoutMs = options.startupTimeoutMs ?? 60_000;
  }

  run(job: AnalysisJob): Promise<AnalysisResult> {
    if (this.closed) {
      return Promise.reject(
        new ServiceUnavailableError('The API analysis worker is shut down'),
      );
    }
    if (this.queue.length >= this.limits.maxQueuedJobs) {
      return Promise.reject(
        new ServiceUnavailableError(
          `Too many API definitions waiting to be checked (${this.queue.length}); try again shortly`,
        ),
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.drain();
    });
  }

  /**
   * Starts the worker ahead of the first job: loading SWC and Spectral takes seconds, which
   * the first visitor of the API versions page would otherwise wait for.
   */
  warmUp(): void {
    if (this.worker || this.closed) return;
    const starting = this.startWorker();
    this.worker = starting;
    starting.catch(error => {
      if (this.worker === starting) this.worker = undefined;
      this.logger.warn(
        'The API analysis worker did not start; retried on first use',
        {
          error: (error as Error).message,
        },
      );
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) {
      pending.reject(
        new ServiceUnavailableError('The API analysis worker is shut down'),
      );
    }
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      await (await worker.catch(() => undefined))?.terminate();
    }
  }

  private drain() {
    if (this.running || this.closed) return;
    const next = this.queue.shift();
    if (!next) return;
    this.running = true;
    this.execute(next)
      .then(next.resolve, next.reject)
      .finally(() => {
        this.running = false;
        this.drain();
      });
  }

  private startWorker(): Promise<Worker> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_FILE, {
        resourceLimits: {
          maxOldGenerationSizeMb: this.limits.maxOldGenerationSizeMb,
        },
      });
      const timer = setTimeout(() => {
        worker.terminate();
        reject(
          new ServiceUnavailableError(
            `The API analysis worker did not start within ${this.startupTimeoutMs} ms`,
          ),
        );
      }, this.startupTimeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(
          new ServiceUnavailableError(
            `The API analysis worker could not start: ${error.message}`,
          ),
        );
      };
      worker.once('error', fail);
      worker.once('message', (message: { ready?: boolean }) => {
        clearTimeout(timer);
        worker.off('error', fail);
        if (message.ready) {
          resolve(worker);
        } else {
          worker.terminate();
          reject(
            new ServiceUnavailableError(
              'The API analysis worker sent an unexpected first message',
            ),
          );
        }
      });
      // Idle workers must not keep the process alive (tests, shutdown).
      worker.unref();
    });
  }

  private async execute({ job }: Pending): Promise<AnalysisResult> {
    if (!this.worker) {
      this.worker = this.startWorker();
    }
    let worker: Worker;
    try {
      worker = await this.worker;
    } catch (error) {
      this.worker = undefined;
      throw error;
    }
    return new Promise<AnalysisResult>((resolve, reject) => {
      let settled = false;
      // Filled in below; removed when the job ends, because the worker is reused.
      const listeners: {
        message?: (message: WorkerAnswer) => void;
        error?: (error: Error & { code?: string }) => void;
        exit?: (exitCode: number) => void;
      } = {};
      const deadline: { timer?: NodeJS.Timeout } = {};
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline.timer);
        worker.off('message', listeners.message!);
        worker.off('error', listeners.error!);
        worker.off('exit', listeners.exit!);
        outcome();
      };
      const discardWorker = () => {
        this.worker = undefined;
        worker.terminate().catch(() => undefined);
      };
      listeners.message = (message: WorkerAnswer) =>
        finish(() => {
          if (message.result) {
            resolve(message.result);
          } else {
            reject(
              new Error(
                `API analysis failed: ${message.failure?.name}: ${message.failure?.message}`,
              ),
            );
          }
        });
      listeners.error = (error: Error & { code?: string }) =>
        finish(() => {
          discardWorker();
          if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
            this.logger.warn('API analysis exceeded its memory limit', {
              job: job.type,
              maxOldGenerationSizeMb: this.limits.maxOldGenerationSizeMb,
            });
            reject(
              new AnalysisLimitExceeded({
                code: 'OUT_OF_MEMORY',
                message: `checking the definition needed more than ${this.limits.maxOldGenerationSizeMb} MB (apiGovernance.limits.maxWorkerMemoryMb)`,
              }),
            );
          } else {
            reject(error);
          }
        });
      listeners.exit = (exitCode: number) =>
        finish(() => {
          this.worker = undefined;
          reject(
            new Error(`The API analysis worker exited (code ${exitCode})`),
          );
        });
      deadline.timer = setTimeout(
        () =>
          finish(() => {
            discardWorker();
            this.logger.warn('API analysis exceeded its time limit', {
              job: job.type,
              timeoutMs: this.limits.timeoutMs,
            });
            reject(
              new AnalysisLimitExceeded({
                code: 'TIMEOUT',
                message: `checking the definition took longer than ${this.limits.timeoutMs} ms (apiGovernance.limits.diffTimeoutMs)`,
              }),
            );
          }),
        this.limits.timeoutMs,
      );
      worker.on('message', listeners.message);
      worker.on('error', listeners.error);
      worker.on('exit', listeners.exit);
      worker.postMessage(job);
    });
  }
}

import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';

/** How long {@link eventually} keeps trying, and what counts as done. */
export interface EventuallyOptions<T> {
  /**
   * The whole condition the probe's result must meet. Without it, the condition is that
   * the probe returns without throwing, so a probe can also assert with `expect(...)`.
   */
  until?: (value: T) => boolean;
  /** Give up this long after the first attempt. Default 30 s. */
  timeoutMs?: number;
  /** Pause between attempts. Default 250 ms. */
  intervalMs?: number;
  /**
   * Stops waiting at once when aborted, e.g. when the process under test exits: no point
   * in polling a dead server until the deadline. The abort reason is reported.
   */
  signal?: AbortSignal;
}

/** Thrown by {@link eventually} when the condition did not hold before the deadline. */
export class EventuallyTimeoutError extends Error {
  override name = 'EventuallyTimeoutError';
}

type Observation<T> =
  | { kind: 'value'; value: T; holds: boolean }
  | { kind: 'error'; error: unknown }
  | { kind: 'still-running' }
  | { kind: 'aborted' };

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_INTERVAL_MS = 250;
// Long enough for a page of entity names or a jest diff, short enough to read.
const MAX_REPORTED_CHARS = 4_000;

/**
 * Polls `probe` until its result satisfies the whole condition (`options.until`, or simply
 * "did not throw"), and returns that result. Fails after `timeoutMs` with an
 * {@link EventuallyTimeoutError} naming `description` and the last value or error seen.
 *
 * Wait for everything the test asserts afterwards, not for a sign that part of it is there:
 * asynchronous work (catalog processing, ingestion) finishes piece by piece.
 *
 * A probe that does not settle is abandoned at the deadline, so the deadline always holds.
 */
export function eventually<T, U extends T>(
  description: string,
  probe: () => T | Promise<T>,
  options: EventuallyOptions<T> & { until: (value: T) => value is U },
): Promise<U>;
export function eventually<T>(
  description: string,
  probe: () => T | Promise<T>,
  options?: EventuallyOptions<T>,
): Promise<T>;
export async function eventually<T>(
  description: string,
  probe: () => T | Promise<T>,
  options: EventuallyOptions<T> = {},
): Promise<T> {
  const {
    until,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    intervalMs = DEFAULT_INTERVAL_MS,
    signal,
  } = options;
  if (!(timeoutMs > 0) || !(intervalMs >= 0)) {
    throw new TypeError(
      `eventually(${JSON.stringify(
        description,
      )}): timeoutMs must be > 0 and intervalMs >= 0, got ${timeoutMs} and ${intervalMs}`,
    );
  }
  const started = Date.now();
  const deadline = started + timeoutMs;
  let last: Observation<T> | undefined;
  let attempts = 0;

  for (;;) {
    attempts += 1;
    const observation = await observe(probe, until, deadline, signal);
    if (observation.kind === 'value' && observation.holds) {
      return observation.value;
    }
    if (observation.kind === 'aborted' || signal?.aborted) {
      throw abortedError(description, signal?.reason);
    }
    const hung = observation.kind === 'still-running';
    if (!hung) last = observation;
    const remaining = deadline - Date.now();
    if (hung || remaining <= 0) {
      throw timeoutError(
        description,
        Date.now() - started,
        attempts,
        last,
        hung,
      );
    }
    await pause(Math.min(intervalMs, remaining), signal);
  }
}

/** One attempt: the probe's value, what it (or the condition) threw, or that it hung. */
async function observe<T>(
  probe: () => T | Promise<T>,
  until: ((value: T) => boolean) | undefined,
  deadline: number,
  signal: AbortSignal | undefined,
): Promise<Observation<T>> {
  if (signal?.aborted) return { kind: 'aborted' };
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const outOfTime = new Promise<Observation<T>>(resolve => {
    timer = setTimeout(
      () => resolve({ kind: 'still-running' }),
      Math.max(0, deadline - Date.now()),
    );
    onAbort = () => resolve({ kind: 'aborted' });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  const attempt = (async (): Promise<Observation<T>> => {
    try {
      const value = await probe();
      // Evaluated here so that a condition that throws is reported like a failing probe.
      return { kind: 'value', value, holds: until ? until(value) : true };
    } catch (error) {
      return { kind: 'error', error };
    }
  })();
  try {
    return await Promise.race([attempt, outOfTime]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

function abortedError(description: string, reason: unknown): Error {
  return new Error(
    `Stopped waiting for ${description}: ${truncate(describeError(reason))}`,
    { cause: reason },
  );
}

function timeoutError<T>(
  description: string,
  elapsedMs: number,
  attempts: number,
  last: Observation<T> | undefined,
  hung: boolean,
): EventuallyTimeoutError {
  const parts = [
    `Timed out after ${elapsedMs} ms (${attempts} ${
      attempts === 1 ? 'attempt' : 'attempts'
    }) waiting for ${description}`,
  ];
  if (hung) parts.push('the last attempt was still running at the deadline');
  if (last?.kind === 'value') {
    parts.push(`last value: ${truncate(inspect(last.value, { depth: 8 }))}`);
  } else if (last?.kind === 'error') {
    parts.push(`last error: ${truncate(describeError(last.error))}`);
  } else if (!hung) {
    parts.push('no attempt finished');
  }
  return new EventuallyTimeoutError(parts.join('; '), {
    cause: last?.kind === 'error' ? last.error : undefined,
  });
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return inspect(error);
}

function truncate(text: string): string {
  return text.length > MAX_REPORTED_CHARS
    ? `${text.slice(0, MAX_REPORTED_CHARS)}... (${
        text.length - MAX_REPORTED_CHARS
      } more characters)`
    : text;
}

/** Sleeps between attempts; wakes early when `signal` aborts (the caller then reports it). */
async function pause(ms: number, signal: AbortSignal | undefined) {
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}

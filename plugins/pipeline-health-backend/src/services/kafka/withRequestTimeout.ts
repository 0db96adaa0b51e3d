/**
 * Settles with `work`, or rejects with `onTimeout()` once `timeoutMs` has passed, whichever
 * comes first. The timer is cleared as soon as `work` settles, so a finished call leaves no
 * timer behind (thousands of calls per minute must not keep thousands of timers alive).
 *
 * The abandoned work keeps running in the background; its eventual rejection is swallowed
 * here so it cannot surface as an unhandled rejection. The caller is responsible for making
 * it end (the kafkajs client has its own request timeout and is reset after a timeout).
 */
export function withRequestTimeout<T>(
  work: Promise<T>,
  timeoutMs: number,
  onTimeout: () => Error,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), timeoutMs);
  });
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

import { eventually, EventuallyTimeoutError } from './eventually';

/** A probe that returns 1, 2, 3, ... and counts its calls. */
function counter() {
  let calls = 0;
  const probe = async () => {
    calls += 1;
    return calls;
  };
  return { probe, calls: () => calls };
}

describe('eventually', () => {
  it('returns the first value that meets the whole condition, not an earlier one', async () => {
    const { probe, calls } = counter();
    await expect(
      eventually('the count to reach 3', probe, {
        until: n => n >= 3,
        intervalMs: 1,
      }),
    ).resolves.toBe(3);
    expect(calls()).toBe(3);
  });

  it('returns at once, without pausing, when the first attempt holds', async () => {
    const started = Date.now();
    await expect(
      eventually('a value', () => 'ready', { intervalMs: 10_000 }),
    ).resolves.toBe('ready');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('retries a probe that throws until it holds', async () => {
    const { probe } = counter();
    const value = await eventually(
      'the third attempt',
      async () => {
        const n = await probe();
        expect(n).toBeGreaterThanOrEqual(3);
        return `attempt ${n}`;
      },
      { intervalMs: 1 },
    );
    expect(value).toBe('attempt 3');
  });

  it('narrows the result type with a type-guard condition', async () => {
    const values: Array<string | undefined> = [undefined, 'found'];
    const value: string = await eventually('a string', () => values.shift(), {
      until: (v): v is string => v !== undefined,
      intervalMs: 1,
    });
    expect(value).toBe('found');
  });

  it('fails after the deadline, naming what it waited for and the last value', async () => {
    const { probe } = counter();
    const failure = eventually('the count to reach a million', probe, {
      until: n => n >= 1_000_000,
      timeoutMs: 200,
      intervalMs: 20,
    });
    await expect(failure).rejects.toBeInstanceOf(EventuallyTimeoutError);
    await expect(failure).rejects.toThrow(
      /^Timed out after \d+ ms \(\d+ attempts\) waiting for the count to reach a million; last value: \d+$/,
    );
  });

  it('reports the last value in full, e.g. the entity names seen so far', async () => {
    const failure = eventually(
      'billing-service',
      async () => ['user-service', 'plinth-portal'],
      { until: names => names.includes('billing-service'), timeoutMs: 50 },
    );
    await expect(failure).rejects.toThrow(
      "last value: [ 'user-service', 'plinth-portal' ]",
    );
  });

  it('reports the last error when the probe never stopped throwing', async () => {
    const { probe } = counter();
    const failure = eventually(
      'the catalog',
      async () => {
        throw new Error(`catalog answered 503 (attempt ${await probe()})`);
      },
      { timeoutMs: 100, intervalMs: 10 },
    );
    await expect(failure).rejects.toThrow(
      /waiting for the catalog; last error: catalog answered 503 \(attempt \d+\)$/,
    );
    const error = await failure.catch(e => e);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('reports a failed expect() inside the probe with its message', async () => {
    const failure = eventually(
      'three entities',
      async () => expect(['a', 'b']).toHaveLength(3),
      { timeoutMs: 50 },
    );
    await expect(failure).rejects.toThrow(/last error: .*toHaveLength/s);
  });

  it('treats a condition that throws like a failing probe', async () => {
    const failure = eventually('a parseable body', async () => 'not json', {
      until: body => JSON.parse(body) !== null,
      timeoutMs: 50,
    });
    await expect(failure).rejects.toThrow(/last error: Unexpected token/);
  });

  it('keeps its deadline when a probe never settles', async () => {
    const started = Date.now();
    const failure = eventually('a hanging probe', () => new Promise(() => {}), {
      timeoutMs: 100,
    });
    await expect(failure).rejects.toThrow(
      /waiting for a hanging probe; the last attempt was still running at the deadline/,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('tries once more at the deadline instead of sleeping past it', async () => {
    const started = Date.now();
    const { probe, calls } = counter();
    await expect(
      eventually('never', probe, {
        until: () => false,
        timeoutMs: 150,
        intervalMs: 10_000,
      }),
    ).rejects.toThrow(/\(2 attempts\)/);
    expect(calls()).toBe(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('stops at once when its signal aborts, with the reason', async () => {
    const exited = new AbortController();
    const started = Date.now();
    const failure = eventually(
      'backend readiness',
      async () => {
        throw new Error('connection refused');
      },
      { signal: exited.signal, timeoutMs: 60_000, intervalMs: 10 },
    );
    setTimeout(() => exited.abort(new Error('backend exited with 1')), 50);
    await expect(failure).rejects.toThrow(
      'Stopped waiting for backend readiness: backend exited with 1',
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('abandons a hanging probe when its signal aborts', async () => {
    const exited = new AbortController();
    const failure = eventually('a hanging probe', () => new Promise(() => {}), {
      signal: exited.signal,
      timeoutMs: 60_000,
    });
    exited.abort(new Error('gone'));
    await expect(failure).rejects.toThrow(
      'Stopped waiting for a hanging probe: gone',
    );
  });

  it('refuses a timeout that is not positive', async () => {
    await expect(
      eventually('anything', () => 1, { timeoutMs: 0 }),
    ).rejects.toThrow(/timeoutMs must be > 0/);
  });
});

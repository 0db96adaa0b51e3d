import { withRequestTimeout } from './withRequestTimeout';

describe('withRequestTimeout', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('rejects a call that never settles once the timeout has passed', async () => {
    const started = Date.now();
    await expect(
      withRequestTimeout(
        new Promise(() => {}),
        50,
        () => new Error('no answer within 50 ms'),
      ),
    ).rejects.toThrow('no answer within 50 ms');
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('returns the answer of a call that settles in time and leaves no timer behind', async () => {
    jest.useFakeTimers();
    const answer = withRequestTimeout(
      Promise.resolve('offsets'),
      5_000,
      () => new Error('timed out'),
    );
    await expect(answer).resolves.toBe('offsets');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('passes on the failure of a call that fails in time and clears the timer', async () => {
    jest.useFakeTimers();
    const answer = withRequestTimeout(
      Promise.reject(new Error('GROUP_AUTHORIZATION_FAILED')),
      5_000,
      () => new Error('timed out'),
    );
    await expect(answer).rejects.toThrow('GROUP_AUTHORIZATION_FAILED');
    expect(jest.getTimerCount()).toBe(0);
  });
});

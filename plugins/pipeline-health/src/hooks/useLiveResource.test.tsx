import type { ReactNode } from 'react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { PIPELINE_HEALTH_SIGNAL_CHANNEL } from '@plinth/plugin-pipeline-health-common';
import { FakeSignalApi } from '../testing';
import { useLiveResource } from './useLiveResource';

/** A promise whose settling the test controls. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>(r => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('useLiveResource', () => {
  const signals = new FakeSignalApi();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[signalApiRef, signals]]}>
      {children}
    </TestApiProvider>
  );
  const signal = () =>
    act(() =>
      signals.publish(PIPELINE_HEALTH_SIGNAL_CHANNEL, {
        generatedAt: new Date().toISOString(),
      }),
    );

  it('ignores an older answer that arrives after a newer one', async () => {
    const answers = [deferred<string>(), deferred<string>()];
    let call = 0;
    const load = jest.fn(() => answers[call++].promise);
    const { result } = renderHook(() => useLiveResource(load, 'key'), {
      wrapper,
    });
    expect(result.current.live).toBe('signals');

    signal();
    await waitFor(() => expect(load).toHaveBeenCalledTimes(2));
    await act(async () => answers[1].resolve('newer'));
    expect(result.current.value).toBe('newer');

    await act(async () => answers[0].resolve('older'));
    expect(result.current.value).toBe('newer');
  });

  it('drops the value of the previous key instead of showing it as the new one', async () => {
    const load = jest.fn(async () => 'first');
    const { result, rerender } = renderHook(
      ({ key }) => useLiveResource(load, key),
      { wrapper, initialProps: { key: '1h' } },
    );
    await waitFor(() => expect(result.current.value).toBe('first'));

    const next = deferred<string>();
    load.mockReturnValueOnce(next.promise);
    rerender({ key: '6h' });
    expect(result.current.value).toBeUndefined();
    expect(result.current.loading).toBe(true);

    await act(async () => next.resolve('second'));
    expect(result.current.value).toBe('second');
    expect(result.current.loading).toBe(false);
  });
});

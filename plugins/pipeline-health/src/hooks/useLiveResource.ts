import { useCallback, useEffect, useRef, useState } from 'react';
import { useSignal } from '@backstage/plugin-signals-react';
import { PIPELINE_HEALTH_SIGNAL_CHANNEL } from '@plinth/plugin-pipeline-health-common';

/** The backend's default poll interval: the fallback refetch period without signals. */
export const DEFAULT_POLL_INTERVAL_MS = 5_000;

export type LiveResource<T> = {
  /** The last successful answer; kept while a refetch runs or fails. */
  value?: T;
  /** The last failure; cleared by the next success. */
  error?: Error;
  /** True only until the first answer or failure: refetches never blank the page. */
  loading: boolean;
  /** Whether updates arrive by signal (true) or by polling every pollIntervalMs (false). */
  live: 'signals' | 'polling';
  refresh: () => void;
};

/**
 * Loads a resource and keeps it current: refetches whenever the backend announces a new
 * snapshot on the pipeline-health signal channel, and every `pollIntervalMs` when the app
 * has no signal API. The last answer stays on screen during refetches; a failed refetch
 * keeps it and reports the error next to it. `key` identifies what is loaded: when it
 * changes the old value is dropped, since it describes something else.
 */
export function useLiveResource<T>(
  load: () => Promise<T>,
  key: string,
  options: {
    /** The fallback refetch period; the answer may name it (see pollIntervalOf). */
    pollIntervalMs?: number;
    /** Reads the backend's poll interval from an answer, e.g. PipelineList.pollIntervalMs. */
    pollIntervalOf?: (value: T) => number | undefined;
  } = {},
): LiveResource<T> {
  const [state, setState] = useState<{
    key: string;
    value?: T;
    error?: Error;
    settled: boolean;
  }>({ key, settled: false });
  const loadRef = useRef(load);
  loadRef.current = load;
  // Answers can arrive out of order (a slow request overtaken by the next signal's);
  // only the newest request may write.
  const latestRequest = useRef(0);

  const refresh = useCallback(() => {
    const request = ++latestRequest.current;
    loadRef.current().then(
      value => {
        if (request !== latestRequest.current) return;
        setState({ key, value, settled: true });
      },
      (error: Error) => {
        if (request !== latestRequest.current) return;
        setState(previous => ({
          key,
          value: previous.key === key ? previous.value : undefined,
          error,
          settled: true,
        }));
      },
    );
  }, [key]);

  useEffect(() => {
    setState(previous =>
      previous.key === key ? previous : { key, settled: false },
    );
    refresh();
  }, [key, refresh]);

  const pollIntervalMs =
    (state.value !== undefined && options.pollIntervalOf?.(state.value)) ||
    options.pollIntervalMs ||
    DEFAULT_POLL_INTERVAL_MS;

  const { lastSignal, isSignalsAvailable } = useSignal(
    PIPELINE_HEALTH_SIGNAL_CHANNEL,
  );
  // React to each signal once: the effect also re-runs when `key` changes, and the
  // signal that arrived before that change is not news.
  const handledSignal = useRef(lastSignal);
  useEffect(() => {
    if (!lastSignal || lastSignal === handledSignal.current) return;
    handledSignal.current = lastSignal;
    refresh();
  }, [lastSignal, refresh]);

  useEffect(() => {
    if (isSignalsAvailable) return undefined;
    const timer = setInterval(refresh, pollIntervalMs);
    return () => clearInterval(timer);
  }, [isSignalsAvailable, pollIntervalMs, refresh]);

  const current = state.key === key ? state : { settled: false };
  return {
    value: 'value' in current ? current.value : undefined,
    error: 'error' in current ? current.error : undefined,
    loading: !current.settled,
    live: isSignalsAvailable ? 'signals' : 'polling',
    refresh,
  };
}

import { act, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { PIPELINE_HEALTH_SIGNAL_CHANNEL } from '@plinth/plugin-pipeline-health-common';
import {
  breachedPipeline,
  degradedPipeline,
  eventsPipeline,
  FakePipelineHealthApi,
  FakeSignalApi,
  NOW,
  testAppOptions,
  testAppOptionsWithSignals,
} from '../../testing';
import { PipelinesPage } from './PipelinesPage';

const card = (id: string) => screen.findByTestId(`pipeline-card-${id}`);

describe('PipelinesPage', () => {
  it('shows progress until the first answer', async () => {
    const api = new FakePipelineHealthApi();
    api.listPipelines.mockReturnValue(new Promise(() => {}));
    renderInTestApp(<PipelinesPage />, testAppOptions(api));

    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });

  it('says what failed and what to check when the backend cannot answer', async () => {
    const api = new FakePipelineHealthApi();
    api.listPipelines.mockRejectedValue(new Error('502 Bad Gateway'));
    renderInTestApp(<PipelinesPage />, testAppOptions(api));

    expect(
      await screen.findByText(/Could not load the pipelines/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /check that the pipeline-health backend plugin is installed/,
      ),
    ).toBeInTheDocument();
  });

  it('explains how to configure a pipeline and annotate entities when none is configured', async () => {
    const api = new FakePipelineHealthApi();
    api.listPipelines.mockResolvedValue({
      pipelines: [],
      pollIntervalMs: 5_000,
      generatedAt: NOW,
    });
    renderInTestApp(<PipelinesPage />, testAppOptions(api));

    expect(
      await screen.findByText('No pipelines configured'),
    ).toBeInTheDocument();
    // The snippets load lazily and are syntax-highlighted (one span per token), so wait
    // for both code blocks and compare their whole text.
    const isCode = (_: string, element: Element | null) =>
      element?.tagName === 'CODE';
    await waitFor(() => expect(screen.getAllByText(isCode)).toHaveLength(2));
    const snippets = screen
      .getAllByText(isCode)
      .map(element => element.textContent);
    expect(snippets).toEqual([
      expect.stringContaining('pipelineHealth:\n  clusters:'),
      expect.stringContaining(
        'kafka.apache.org/consumer-groups: local/ingester\n    plinth.dev/clickhouse-table: analytics.events',
      ),
    ]);
  });

  it('shows each number against its objective, with status in words', async () => {
    const api = new FakePipelineHealthApi();
    renderInTestApp(<PipelinesPage />, testAppOptions(api));

    const events = within(await card(eventsPipeline.id));
    expect(
      events.getByRole('link', { name: 'Event ingestion' }),
    ).toHaveAttribute('href', '/pipelines/events');
    expect(
      events.getByRole('link', { name: 'data-platform' }),
    ).toBeInTheDocument();
    const ingestion = within(events.getByTestId('metric-ingestionP99'));
    expect(ingestion.getByText('62 ms')).toBeInTheDocument();
    expect(ingestion.getByText('< 100 ms')).toBeInTheDocument();
    expect(ingestion.getByText('OK')).toBeInTheDocument();
    const lag = within(events.getByTestId('metric-consumerLag'));
    expect(lag.getByText('1,250 messages · 4.2 s')).toBeInTheDocument();
    expect(lag.getByText('< 5 min')).toBeInTheDocument();
    expect(
      within(events.getByTestId('metric-eventsPerSecond')).getByText('812'),
    ).toBeInTheDocument();
    expect(
      within(events.getByTestId('metric-freshness')).getByText('1.8 s'),
    ).toBeInTheDocument();
    const query = within(events.getByTestId('metric-queryP99'));
    expect(query.getByText('640 ms')).toBeInTheDocument();
    expect(query.getByText('OK')).toBeInTheDocument();
    expect(
      within(events.getByTestId('metric-deadLetterRatio')).getByText(
        '0 % · 0.6/min',
      ),
    ).toBeInTheDocument();
    // The card's own status: the worst SLO, here a warning (lag 4.2 s is fine, but the
    // fixture marks the pipeline warning), as a word next to the colour.
    expect(events.getAllByText('Warning').length).toBeGreaterThan(0);
  });

  it('shows a breach in words on the card and on the breached SLO', async () => {
    const api = new FakePipelineHealthApi();
    renderInTestApp(<PipelinesPage />, testAppOptions(api));

    const orders = within(await card(breachedPipeline.id));
    const ingestion = within(orders.getByTestId('metric-ingestionP99'));
    expect(ingestion.getByText('250 ms')).toBeInTheDocument();
    expect(ingestion.getByText('Breach')).toBeInTheDocument();
    expect(orders.getAllByText('Breach')).toHaveLength(2);
  });

  it('keeps ClickHouse numbers on the card while Kafka is unavailable', async () => {
    const api = new FakePipelineHealthApi();
    renderInTestApp(<PipelinesPage />, testAppOptions(api));

    const clicks = within(await card(degradedPipeline.id));
    expect(clicks.getByText('Kafka (local) unavailable')).toBeInTheDocument();
    expect(
      clicks.getByText(/Connection refused: localhost:19092/),
    ).toBeInTheDocument();
    expect(clicks.getByText(/Last success/)).toBeInTheDocument();
    const lag = within(clicks.getByTestId('metric-consumerLag'));
    expect(lag.getByText('no data')).toBeInTheDocument();
    expect(lag.getByText('No data')).toBeInTheDocument();
    expect(
      within(clicks.getByTestId('metric-ingestionP99')).getByText('40 ms'),
    ).toBeInTheDocument();
    expect(
      within(clicks.getByTestId('metric-eventsPerSecond')).getByText('812'),
    ).toBeInTheDocument();
  });

  it('refetches when the backend signals a new snapshot, without a spinner', async () => {
    const api = new FakePipelineHealthApi();
    const signals = new FakeSignalApi();
    renderInTestApp(<PipelinesPage />, testAppOptionsWithSignals(api, signals));
    await card(eventsPipeline.id);
    expect(screen.getByTestId('updated-ago')).toHaveTextContent('updates live');

    let release: () => void = () => {};
    api.listPipelines.mockImplementationOnce(
      () =>
        new Promise(resolve => {
          release = () =>
            resolve({
              pipelines: [
                {
                  ...eventsPipeline,
                  clickhouse: {
                    ...eventsPipeline.clickhouse!,
                    metrics: {
                      ...eventsPipeline.clickhouse!.metrics!,
                      eventsPerSecond: 1_500,
                    },
                  },
                },
              ],
              pollIntervalMs: 5_000,
              generatedAt: NOW,
            });
        }),
    );
    act(() =>
      signals.publish(PIPELINE_HEALTH_SIGNAL_CHANNEL, { generatedAt: NOW }),
    );
    await waitFor(() => expect(api.listPipelines).toHaveBeenCalledTimes(2));
    // While the refetch runs, the previous numbers stay.
    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
    expect(
      screen.getByTestId(`pipeline-card-${degradedPipeline.id}`),
    ).toBeInTheDocument();

    act(() => release());
    const events = within(await card(eventsPipeline.id));
    expect(await events.findByText('1,500')).toBeInTheDocument();
    expect(
      screen.queryByTestId(`pipeline-card-${degradedPipeline.id}`),
    ).not.toBeInTheDocument();
  });

  it('polls at the backend interval when the app has no signals', async () => {
    const api = new FakePipelineHealthApi();
    api.listPipelines.mockResolvedValue({
      pipelines: [eventsPipeline],
      pollIntervalMs: 50,
      generatedAt: NOW,
    });
    renderInTestApp(<PipelinesPage />, testAppOptions(api));
    await card(eventsPipeline.id);
    expect(screen.getByTestId('updated-ago')).toHaveTextContent(
      'refreshed every poll interval',
    );

    await waitFor(() =>
      expect(api.listPipelines.mock.calls.length).toBeGreaterThanOrEqual(3),
    );
    expect(
      screen.getByTestId(`pipeline-card-${eventsPipeline.id}`),
    ).toBeInTheDocument();
  });

  it('keeps the last numbers and says so when a refresh fails', async () => {
    const api = new FakePipelineHealthApi();
    const signals = new FakeSignalApi();
    renderInTestApp(<PipelinesPage />, testAppOptionsWithSignals(api, signals));
    await card(eventsPipeline.id);

    api.listPipelines.mockRejectedValueOnce(
      new Error('503 Service Unavailable'),
    );
    act(() =>
      signals.publish(PIPELINE_HEALTH_SIGNAL_CHANNEL, { generatedAt: NOW }),
    );

    expect(
      await screen.findByText(
        /The last refresh failed \(503 Service Unavailable\)/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByTestId(`pipeline-card-${eventsPipeline.id}`),
    ).toBeInTheDocument();
  });
});

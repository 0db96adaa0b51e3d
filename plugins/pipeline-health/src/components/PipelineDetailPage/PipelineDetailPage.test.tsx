import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { PipelineHealthClient } from '@plinth/plugin-pipeline-health-common';
import {
  breachedDetail,
  FakePipelineHealthApi,
  historyPoints,
  partitionsOf,
  testAppOptions,
} from '../../testing';
import { PipelinesRoutes } from '../PipelinesRoutes';
import { PipelineDetailPage } from './PipelineDetailPage';

/** Presses Tab until `element` has focus: proves it is reachable by keyboard. */
async function tabTo(element: HTMLElement) {
  for (let presses = 0; presses < 300; presses++) {
    if (document.activeElement === element) return;
    await userEvent.tab();
  }
  throw new Error(`${element.outerHTML} is not reachable with Tab`);
}

/** A real ResponseError, as PipelineHealthClient throws it from the backend's problem+json. */
const failure = (
  pipelineId: string,
  status: number,
  name: string,
  message: string,
) =>
  new PipelineHealthClient({
    discoveryApi: { getBaseUrl: async () => 'http://test/api/pipeline-health' },
    fetchApi: {
      fetch: async () =>
        new Response(
          JSON.stringify({
            type: 'about:blank',
            title: status === 404 ? 'Not Found' : 'Forbidden',
            status,
            detail: message,
            instance: `/api/pipeline-health/v1/pipelines/${pipelineId}`,
            error: { name, message },
            request: { method: 'GET', url: `/v1/pipelines/${pipelineId}` },
            response: { statusCode: status },
          }),
          {
            status,
            headers: {
              'content-type': 'application/problem+json; charset=utf-8',
            },
          },
        ),
    },
  })
    .getPipeline(pipelineId)
    .catch(e => e);

const notFound = (pipelineId: string) =>
  failure(pipelineId, 404, 'NotFoundError', `No pipeline ${pipelineId}`);

const renderDetail = (api: FakePipelineHealthApi, pipelineId = 'orders') =>
  renderInTestApp(
    <PipelineDetailPage pipelineId={pipelineId} />,
    testAppOptions(api),
  );

describe('PipelineDetailPage', () => {
  it('is reached at /pipelines/:pipelineId', async () => {
    const api = new FakePipelineHealthApi();
    renderInTestApp(<PipelinesRoutes />, {
      ...testAppOptions(api),
      mountPath: '/pipelines/*',
      initialRouteEntries: ['/pipelines/orders'],
    });

    expect(
      await screen.findByRole('heading', { name: 'Orders', level: 1 }),
    ).toBeInTheDocument();
    expect(api.getPipeline).toHaveBeenCalledWith('orders');
  });

  it('shows progress until the pipeline arrives', async () => {
    const api = new FakePipelineHealthApi();
    api.getPipeline.mockReturnValue(new Promise(() => {}));
    renderDetail(api);

    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });

  it('says which pipeline failed to load and what to check', async () => {
    const api = new FakePipelineHealthApi();
    api.getPipeline.mockRejectedValue(new Error('502 Bad Gateway'));
    renderDetail(api);

    expect(
      await screen.findByText(/Could not load pipeline orders/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/check that the pipeline-health backend is running/),
    ).toBeInTheDocument();
  });

  it('says no such pipeline is configured when the backend answers 404', async () => {
    const api = new FakePipelineHealthApi();
    api.getPipeline.mockRejectedValue(await notFound('nope'));
    renderDetail(api, 'nope');

    expect(
      await screen.findByText(/No pipeline with the id "nope" is configured/),
    ).toBeInTheDocument();
  });

  it("shows the backend's reason for any other error", async () => {
    const api = new FakePipelineHealthApi();
    api.getPipeline.mockRejectedValue(
      await failure(
        'orders',
        403,
        'NotAllowedError',
        'pipeline-health.read: denied to user:default/guest.',
      ),
    );
    renderDetail(api);

    expect(
      // Exactly the message: not the raw body, which a client that could not read
      // problem+json would show.
      await screen.findByText(
        'pipeline-health.read: denied to user:default/guest.',
      ),
    ).toBeInTheDocument();
  });

  it('puts an open breach and whom to call at the top', async () => {
    renderDetail(new FakePipelineHealthApi());

    const banner = await screen.findByRole('group', { name: 'Open incidents' });
    expect(banner).toHaveTextContent(
      /Ingestion latency P99 in breach since .* — call Payments on-call/,
    );
    expect(banner).toHaveTextContent('Worst 310 ms against < 100 ms');
    expect(
      within(banner).getByRole('link', { name: 'payments-oncall@example.com' }),
    ).toHaveAttribute('href', 'mailto:payments-oncall@example.com');
  });

  it('shows the SLO table with value, objective, status and the window judged on', async () => {
    renderDetail(new FakePipelineHealthApi());

    const table = await screen.findByRole('table', {
      name: 'Service levels of Orders',
    });
    const row = within(table).getByRole('row', {
      name: /Ingestion latency P99/,
    });
    expect(row).toHaveTextContent('250 ms');
    expect(row).toHaveTextContent('< 100 ms');
    expect(row).toHaveTextContent('Breach');
    expect(row).toHaveTextContent('(5 min)');
  });

  it('names the owner, the first escalation tier and its contacts', async () => {
    renderDetail(new FakePipelineHealthApi());

    expect(
      await screen.findByText('First tier: Payments on-call'),
    ).toBeInTheDocument();
    expect(screen.getByText('24x7')).toBeInTheDocument();
    const contacts = screen.getByRole('group', {
      name: 'Contacts of Payments on-call',
    });
    expect(
      within(contacts).getByRole('link', { name: '+49 30 555 0101' }),
    ).toHaveAttribute('href', 'tel:+49305550101');
    expect(
      screen.getAllByRole('link', { name: 'payments' }).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByRole('link', { name: 'orders-ingester' }),
    ).toHaveAttribute('href', '/catalog/default/component/orders-ingester');
  });

  it('says how to add an escalation policy when the owner has none', async () => {
    renderDetail(new FakePipelineHealthApi(), 'clicks');

    expect(
      await screen.findByText(
        'No escalation policy for group:default/web: add one',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Ownership page' }),
    ).toHaveAttribute('href', '/ownership');
  });

  it('keeps the ClickHouse panel while Kafka is unavailable', async () => {
    renderDetail(new FakePipelineHealthApi(), 'clicks');

    expect(
      (await screen.findAllByText('Kafka (local) unavailable')).length,
    ).toBeGreaterThan(0);
    const metrics = screen.getByRole('table', {
      name: 'ClickHouse metrics of analytics.events',
    });
    expect(
      within(metrics).getByRole('row', { name: /Ingestion latency P50/ }),
    ).toHaveTextContent('21 ms / 48 ms / 62 ms');
    expect(
      within(metrics).getByRole('row', { name: /Active parts/ }),
    ).toHaveTextContent('42 — OK: below 300');
    expect(
      screen.getByText(
        'Query latency lags up to 7.5 s: ClickHouse flushes system.query_log every 7.5 s.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No consumer groups are tracked.'),
    ).toBeInTheDocument();
  });

  it('says when there is no history or incident yet', async () => {
    const api = new FakePipelineHealthApi();
    api.getHistory.mockResolvedValue({
      pipelineId: 'orders',
      range: '1h',
      resolutionMs: 5_000,
      points: [],
    });
    api.getIncidents.mockResolvedValue({ incidents: [] });
    renderDetail(api);

    expect(
      await screen.findByText(/No history in the last 1 hour yet/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('No SLO breach in the last 24 hours.'),
    ).toBeInTheDocument();
  });

  it('lists incidents newest first with who was notified', async () => {
    renderDetail(new FakePipelineHealthApi());

    const list = await screen.findByRole('list', {
      name: 'Incidents, newest first',
    });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Ingestion latency P99');
    expect(items[0]).toHaveTextContent(
      'Notified group:default/payments, naming Payments on-call',
    );
    expect(items[1]).toHaveTextContent('Freshness');
    expect(items[1]).toHaveTextContent('Resolved after 20 min');
    expect(items[1]).toHaveTextContent(
      'Worst 1.6 min against the objective < 1 min',
    );
  });

  it('loads the chosen history range with the keyboard', async () => {
    const api = new FakePipelineHealthApi();
    renderDetail(api);
    await screen.findByRole('img', {
      name: /^Consumer lag over the last 1 hour/,
    });
    expect(api.getHistory).toHaveBeenLastCalledWith('orders', '1h');

    const sixHours = screen.getByRole('button', { name: 'Last 6 hours' });
    expect(sixHours).toHaveAttribute('aria-pressed', 'false');
    await tabTo(sixHours);
    await userEvent.keyboard('{Enter}');

    await waitFor(() =>
      expect(api.getHistory).toHaveBeenLastCalledWith('orders', '6h'),
    );
    expect(sixHours).toHaveAttribute('aria-pressed', 'true');
    expect(
      await screen.findByRole('img', {
        name: /^Consumer lag over the last 6 hours/,
      }),
    ).toBeInTheDocument();
  });

  it('summarises each chart for screen readers and shows its numbers as a table', async () => {
    const api = new FakePipelineHealthApi();
    api.getHistory.mockResolvedValue({
      pipelineId: 'orders',
      range: '1h',
      resolutionMs: 60_000,
      points: historyPoints(3),
    });
    renderDetail(api);

    expect(
      await screen.findByRole('img', {
        name: 'Consumer lag over the last 1 hour, 3 points. Lag (messages): latest 200, min 0, max 200; Lag (time): latest 2 s, min 0 ms, max 2 s.',
      }),
    ).toBeInTheDocument();

    const lagSection = screen.getByRole('region', { name: 'Consumer lag' });
    await userEvent.click(
      within(lagSection).getByRole('button', { name: 'Show data as table' }),
    );
    const table = within(lagSection).getByRole('table', {
      name: 'Consumer lag data',
    });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toHaveTextContent('200');
    expect(rows[1]).toHaveTextContent('2 s');
    expect(rows[3]).toHaveTextContent('0');
  });

  it('expands a consumer group to its partitions with the keyboard', async () => {
    const api = new FakePipelineHealthApi();
    renderDetail(api);

    const expander = await screen.findByRole('button', {
      name: 'Show partitions of ingester',
    });
    expect(expander).toHaveAttribute('aria-expanded', 'false');
    expect(api.getGroupPartitions).not.toHaveBeenCalled();
    await tabTo(expander);
    await userEvent.keyboard('{Enter}');

    const partitions = await screen.findByRole('table', {
      name: 'Partitions of ingester',
    });
    expect(api.getGroupPartitions).toHaveBeenCalledWith('orders', 'ingester');
    expect(
      screen.getByRole('button', { name: 'Hide partitions of ingester' }),
    ).toHaveAttribute('aria-expanded', 'true');
    // 12 partitions, every fifth OK: the 9 others are shown, largest lag first.
    const rows = within(partitions).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(9);
    expect(rows[0]).toHaveTextContent('events11');
  });

  it('keeps 200+ partitions readable: largest lag first, OK hidden until asked, paged', async () => {
    const api = new FakePipelineHealthApi();
    api.getGroupPartitions.mockResolvedValue({
      cluster: 'local',
      group: 'ingester',
      partitions: partitionsOf(240),
    });
    renderDetail(api);

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show partitions of ingester',
      }),
    );
    const table = await screen.findByRole('table', {
      name: 'Partitions of ingester',
    });
    expect(
      screen.getByText('192 of 240 partitions shown, largest lag first'),
    ).toBeInTheDocument();
    let rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(25);
    expect(within(rows[0]).getAllByRole('cell')[1]).toHaveTextContent('239');
    expect(screen.getByText('1–25 of 192')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Go to next page' }),
    );
    rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]).getAllByRole('cell')[1]).toHaveTextContent('208');

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Show OK partitions (48)' }),
    );
    expect(
      screen.getByText('240 of 240 partitions shown, largest lag first'),
    ).toBeInTheDocument();
    expect(screen.getByText('1–25 of 240')).toBeInTheDocument();
  });

  it('shows the breached pipeline status next to its title', async () => {
    renderDetail(new FakePipelineHealthApi());
    const heading = await screen.findByRole('heading', {
      name: breachedDetail.title,
      level: 1,
    });
    expect(heading.parentElement).toHaveTextContent('Breach');
  });
});

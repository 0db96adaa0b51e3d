import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import {
  clickhouseOk,
  FakePipelineHealthApi,
  ingesterGroup,
  testAppOptions,
} from '../../testing';
import { EntityPipelineHealthContent } from './EntityPipelineHealthContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'event-pipeline',
    namespace: 'default',
    annotations: {
      'kafka.apache.org/consumer-groups': 'local/ingester, nowhere/ghost',
      'plinth.dev/clickhouse-table': 'analytics.events',
    },
  },
  spec: { owner: 'group:default/data-platform' },
};

const renderTab = (api: FakePipelineHealthApi) =>
  renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityPipelineHealthContent />
    </EntityProvider>,
    testAppOptions(api),
  );

describe('EntityPipelineHealthContent', () => {
  it('asks for the health of the entity on the page', async () => {
    const api = new FakePipelineHealthApi();
    renderTab(api);

    await screen.findByRole('table', { name: 'Consumer groups' });
    expect(api.getEntityHealth).toHaveBeenCalledWith(
      'component:default/event-pipeline',
    );
  });

  it('shows progress until the answer arrives', async () => {
    const api = new FakePipelineHealthApi();
    api.getEntityHealth.mockReturnValue(new Promise(() => {}));
    renderTab(api);

    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    const api = new FakePipelineHealthApi();
    api.getEntityHealth.mockRejectedValue(new Error('403 Forbidden'));
    renderTab(api);

    expect(
      await screen.findByText(/Could not load pipeline health/),
    ).toBeInTheDocument();
  });

  it('shows each annotation problem with its fix', async () => {
    const api = new FakePipelineHealthApi();
    api.getEntityHealth.mockResolvedValue({
      entityRef: 'component:default/event-pipeline',
      problems: [
        'kafka.apache.org/consumer-groups: cluster "nowhere" in "nowhere/ghost" is not configured; add it under pipelineHealth.clusters or fix the annotation',
      ],
      consumerGroups: [ingesterGroup],
      clickhouse: clickhouseOk,
      pipelineIds: [],
    });
    renderTab(api);

    const problems = await screen.findByRole('group', {
      name: 'Annotation problems',
    });
    expect(within(problems).getByRole('alert')).toHaveTextContent(
      /cluster "nowhere" in "nowhere\/ghost" is not configured; add it under pipelineHealth.clusters/,
    );
    // Without a pipeline, partitions cannot be asked for: no expander.
    expect(
      screen.queryByRole('button', { name: /partitions of/ }),
    ).not.toBeInTheDocument();
  });

  it('shows the groups, the ClickHouse panel and links to the pipelines naming the entity', async () => {
    const api = new FakePipelineHealthApi();
    renderTab(api);

    const groups = await screen.findByRole('table', {
      name: 'Consumer groups',
    });
    const row = within(groups).getByRole('row', { name: /ingester/ });
    expect(row).toHaveTextContent('Stable');
    expect(row).toHaveTextContent('1,250');
    expect(row).toHaveTextContent('4.2 s');
    expect(row).toHaveTextContent('10 ok, 2 warning');
    expect(
      screen.getByRole('table', {
        name: 'ClickHouse metrics of analytics.events',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'events' })).toHaveAttribute(
      'href',
      '/pipelines/events',
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Show partitions of ingester' }),
    );
    expect(
      await screen.findByRole('table', { name: 'Partitions of ingester' }),
    ).toBeInTheDocument();
    expect(api.getGroupPartitions).toHaveBeenCalledWith('events', 'ingester');
  });

  it('says so when nothing the annotations name is tracked', async () => {
    const api = new FakePipelineHealthApi();
    api.getEntityHealth.mockResolvedValue({
      entityRef: 'component:default/event-pipeline',
      problems: [],
      consumerGroups: [],
      pipelineIds: [],
    });
    renderTab(api);

    expect(
      await screen.findByText('No consumer groups are tracked.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('ClickHouse')).not.toBeInTheDocument();
  });

  it('keeps the Kafka groups when ClickHouse is unavailable', async () => {
    const api = new FakePipelineHealthApi();
    api.getEntityHealth.mockResolvedValue({
      entityRef: 'component:default/event-pipeline',
      problems: [],
      consumerGroups: [ingesterGroup],
      clickhouse: {
        table: 'analytics.events',
        source: {
          state: 'unavailable',
          error: 'Timeout after 5000 ms',
        },
      },
      pipelineIds: ['events'],
    });
    renderTab(api);

    expect(
      await screen.findByText('ClickHouse (analytics.events) unavailable'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Timeout after 5000 ms/)).toBeInTheDocument();
    expect(screen.getByText(/Never polled successfully/)).toBeInTheDocument();
    expect(
      screen.getByText('No reading from ClickHouse yet.'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('table', { name: 'Consumer groups' })).getByRole(
        'row',
        { name: /ingester/ },
      ),
    ).toHaveTextContent('1,250');
  });
});

import { useCallback } from 'react';
import { useParams } from 'react-router-dom';
import {
  Content,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ConsumerGroupHealth } from '@plinth/plugin-pipeline-health-common';
import { pipelineHealthApiRef } from '../../api';
import { useLiveResource } from '../../hooks/useLiveResource';
import { rootRouteRef } from '../../routes';
import { ClickHousePanelView } from '../ClickHousePanelView';
import { ConsumerGroupsTable } from '../ConsumerGroupsTable';
import { HistoryCharts } from '../HistoryCharts';
import { IncidentTimeline } from '../IncidentTimeline';
import { SloTable } from '../SloTable';
import { SourceStateNotice } from '../SourceStateNotice';
import { StatusChip } from '../StatusChip';
import { UpdatedAgo } from '../UpdatedAgo';
import { WhoToCallPanel } from '../WhoToCallPanel';
import { OpenIncidentsBanner } from './OpenIncidentsBanner';

const Incidents = ({ pipelineId }: { pipelineId: string }) => {
  const api = useApi(pipelineHealthApiRef);
  const { value, error, loading } = useLiveResource(
    () => api.getIncidents(pipelineId),
    pipelineId,
  );
  if (loading) return <Progress />;
  if (!value) {
    return (
      <ResponseErrorPanel
        title="Could not load the incidents"
        error={error ?? new Error('No answer')}
      />
    );
  }
  return <IncidentTimeline incidents={value.incidents} />;
};

/** One pipeline: status and SLOs, who to call, charts, incidents, Kafka groups, ClickHouse. */
export const PipelineDetailPage = ({ pipelineId }: { pipelineId: string }) => {
  const api = useApi(pipelineHealthApiRef);
  const pipelinesRoute = useRouteRef(rootRouteRef);
  const { value, error, loading, live } = useLiveResource(
    () => api.getPipeline(pipelineId),
    pipelineId,
  );
  const loadPartitions = useCallback(
    (group: ConsumerGroupHealth) =>
      api.getGroupPartitions(pipelineId, group.group),
    [api, pipelineId],
  );

  const back = pipelinesRoute && (
    <Link to={pipelinesRoute()}>All pipelines</Link>
  );

  if (loading) return <Progress />;
  if (!value) {
    // ResponseError (from the client) carries the HTTP status.
    const notFound = (error as { statusCode?: number })?.statusCode === 404;
    return (
      <Content>
        {back}
        {notFound ? (
          <Alert severity="warning" sx={{ mt: 2 }}>
            No pipeline with the id &quot;{pipelineId}&quot; is configured.
            Pipelines are listed under pipelineHealth.pipelines in the
            backend&apos;s app-config; check the link or that config.
          </Alert>
        ) : (
          <>
            <ResponseErrorPanel
              title={`Could not load pipeline ${pipelineId}`}
              error={error ?? new Error('No answer')}
            />
            <Alert severity="info" sx={{ mt: 2 }}>
              The page retries on its own. If this persists, check that the
              pipeline-health backend is running and that you may read pipeline
              health.
            </Alert>
          </>
        )}
      </Content>
    );
  }

  return (
    <Content>
      <Stack gap={3}>
        <Stack gap={1}>
          {back}
          <Stack direction="row" gap={2} alignItems="center" flexWrap="wrap">
            <Typography variant="h4" component="h1">
              {value.title}
            </Typography>
            <StatusChip status={value.status} size="medium" />
          </Stack>
          <UpdatedAgo at={value.updatedAt} live={live} />
          {error && (
            <Alert severity="warning">
              The last refresh failed ({error.message}); showing the previous
              numbers.
            </Alert>
          )}
        </Stack>
        <OpenIncidentsBanner pipeline={value} />
        <Box
          sx={{
            display: 'grid',
            gap: 3,
            gridTemplateColumns: { xs: '1fr', lg: '2fr 1fr' },
          }}
        >
          <InfoCard title="Service levels">
            <SloTable summary={value} showWindow />
          </InfoCard>
          <InfoCard title="Who to call">
            <WhoToCallPanel pipeline={value} />
          </InfoCard>
        </Box>
        <InfoCard title="History">
          <HistoryCharts pipelineId={pipelineId} />
        </InfoCard>
        <InfoCard title="Incidents">
          <Incidents pipelineId={pipelineId} />
        </InfoCard>
        {value.kafka && (
          <InfoCard title={`Kafka consumer groups (${value.kafka.cluster})`}>
            <Stack gap={1}>
              <SourceStateNotice
                name={`Kafka (${value.kafka.cluster})`}
                source={value.kafka.source}
              />
              <ConsumerGroupsTable
                groups={value.kafka.groups}
                loadPartitions={loadPartitions}
              />
            </Stack>
          </InfoCard>
        )}
        {value.clickhouse && (
          <InfoCard title="ClickHouse">
            <ClickHousePanelView panel={value.clickhouse} />
          </InfoCard>
        )}
      </Stack>
    </Content>
  );
};

/** The detail page under its route: reads `:pipelineId` from the URL. */
export const PipelineDetailRoute = () => {
  const { pipelineId } = useParams();
  return <PipelineDetailPage pipelineId={pipelineId ?? ''} />;
};

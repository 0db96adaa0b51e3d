import { useCallback } from 'react';
import {
  Content,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ConsumerGroupHealth } from '@plinth/plugin-pipeline-health-common';
import { pipelineHealthApiRef } from '../../api';
import { useLiveResource } from '../../hooks/useLiveResource';
import { pipelineRouteRef } from '../../routes';
import { ClickHousePanelView } from '../ClickHousePanelView';
import { ConsumerGroupsTable } from '../ConsumerGroupsTable';

/**
 * The entity tab: the consumer groups and ClickHouse table named by the entity's
 * annotations, what is wrong with the annotations, and the pipelines naming the entity.
 */
export const EntityPipelineHealthContent = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(pipelineHealthApiRef);
  const pipelineRoute = useRouteRef(pipelineRouteRef);
  const { value, error, loading } = useLiveResource(
    () => api.getEntityHealth(entityRef),
    entityRef,
  );
  // Partitions are served per pipeline; the entity's first pipeline tracks its groups
  // when the annotation and the pipeline config agree (the usual case).
  const firstPipeline = value?.pipelineIds[0];
  const loadPartitions = useCallback(
    (group: ConsumerGroupHealth) =>
      api.getGroupPartitions(firstPipeline!, group.group),
    [api, firstPipeline],
  );

  if (loading) return <Progress />;
  if (!value) {
    return (
      <Content>
        <ResponseErrorPanel
          title="Could not load pipeline health"
          error={error ?? new Error('No answer')}
        />
      </Content>
    );
  }

  return (
    <Content>
      <Stack gap={3}>
        {value.problems.length > 0 && (
          <Stack gap={1} role="group" aria-label="Annotation problems">
            {value.problems.map(problem => (
              <Alert key={problem} severity="error" variant="outlined">
                <AlertTitle>Annotation problem</AlertTitle>
                {problem}
              </Alert>
            ))}
          </Stack>
        )}
        {value.pipelineIds.length > 0 && (
          <Typography variant="body2" component="div">
            Pipelines naming this entity:{' '}
            {value.pipelineIds.map((id, i) => (
              <span key={id}>
                {i > 0 && ', '}
                {pipelineRoute ? (
                  <Link to={pipelineRoute({ pipelineId: id })}>{id}</Link>
                ) : (
                  id
                )}
              </span>
            ))}
          </Typography>
        )}
        <InfoCard title="Kafka consumer groups">
          <ConsumerGroupsTable
            groups={value.consumerGroups}
            loadPartitions={firstPipeline ? loadPartitions : undefined}
          />
        </InfoCard>
        {value.clickhouse && (
          <InfoCard title="ClickHouse">
            <ClickHousePanelView panel={value.clickhouse} />
          </InfoCard>
        )}
      </Stack>
    </Content>
  );
};

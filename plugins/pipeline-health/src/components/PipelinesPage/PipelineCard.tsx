import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { PipelineSummary } from '@plinth/plugin-pipeline-health-common';
import { pipelineRouteRef } from '../../routes';
import { SloTable } from '../SloTable';
import { SourceStateNotice } from '../SourceStateNotice';
import { StatusChip } from '../StatusChip';

/** One pipeline on the Pipelines page: status, numbers against SLOs, owner, sources. */
export const PipelineCard = ({ pipeline }: { pipeline: PipelineSummary }) => {
  const pipelineRoute = useRouteRef(pipelineRouteRef);
  const title = pipelineRoute ? (
    <Link to={pipelineRoute({ pipelineId: pipeline.id })}>
      {pipeline.title}
    </Link>
  ) : (
    pipeline.title
  );
  return (
    <Card
      variant="outlined"
      component="section"
      aria-labelledby={`pipeline-${pipeline.id}-title`}
      data-testid={`pipeline-card-${pipeline.id}`}
    >
      <CardHeader
        title={
          <Typography
            variant="h6"
            component="h2"
            id={`pipeline-${pipeline.id}-title`}
          >
            {title}
          </Typography>
        }
        action={<StatusChip status={pipeline.status} size="medium" />}
        subheader={
          <Typography variant="body2" color="text.secondary" component="span">
            Owner:{' '}
            <EntityRefLink entityRef={pipeline.owner} defaultKind="group" />
          </Typography>
        }
      />
      <CardContent sx={{ pt: 0 }}>
        <Stack gap={1}>
          {pipeline.kafka && (
            <SourceStateNotice
              name={`Kafka (${pipeline.kafka.cluster})`}
              source={pipeline.kafka.source}
            />
          )}
          {pipeline.clickhouse && (
            <SourceStateNotice
              name={`ClickHouse (${pipeline.clickhouse.table})`}
              source={pipeline.clickhouse.source}
            />
          )}
          <SloTable summary={pipeline} />
        </Stack>
      </CardContent>
    </Card>
  );
};

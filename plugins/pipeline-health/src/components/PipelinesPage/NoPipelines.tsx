import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import {
  CLICKHOUSE_TABLE_ANNOTATION,
  KAFKA_CONSUMER_GROUPS_ANNOTATION,
} from '@plinth/plugin-pipeline-health-common';

const CONFIG_SNIPPET = `pipelineHealth:
  clusters:
    local:
      brokers: ['localhost:9092']
  pipelines:
    - id: events
      title: Event ingestion
      owner: group:default/data-platform
      cluster: local
      consumerGroups: [ingester]
      clickhouseTable: analytics.events
      entityRef: component:default/event-pipeline`;

const ANNOTATIONS_SNIPPET = `metadata:
  annotations:
    ${KAFKA_CONSUMER_GROUPS_ANNOTATION}: local/ingester
    ${CLICKHOUSE_TABLE_ANNOTATION}: analytics.events`;

/** The empty Pipelines page: how to configure a pipeline and annotate entities. */
export const NoPipelines = () => (
  <EmptyState
    missing="data"
    title="No pipelines configured"
    description="Pipelines are read from the backend's app-config. Add a Kafka cluster and a pipeline under pipelineHealth, then restart the backend."
    action={
      <Box>
        <CodeSnippet language="yaml" text={CONFIG_SNIPPET} showCopyCodeButton />
        <Typography variant="body2" sx={{ mt: 2, mb: 1 }}>
          To show a component&apos;s consumer groups and ClickHouse table on its
          own Pipeline health tab, annotate it in catalog-info.yaml:
        </Typography>
        <CodeSnippet
          language="yaml"
          text={ANNOTATIONS_SNIPPET}
          showCopyCodeButton
        />
      </Box>
    }
  />
);

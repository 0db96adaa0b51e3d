import {
  Content,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import { pipelineHealthApiRef } from '../../api';
import { useLiveResource } from '../../hooks/useLiveResource';
import { UpdatedAgo } from '../UpdatedAgo';
import { NoPipelines } from './NoPipelines';
import { PipelineCard } from './PipelineCard';

/** The Pipelines page: one card per pipeline, kept current; a spinner only before the first answer. */
export const PipelinesPage = () => {
  const api = useApi(pipelineHealthApiRef);
  const { value, error, loading, live } = useLiveResource(
    () => api.listPipelines(),
    'pipelines',
    // Without signals, poll as often as the backend does: more often finds nothing new.
    { pollIntervalOf: list => list.pollIntervalMs },
  );

  if (loading) return <Progress />;
  if (!value) {
    return (
      <Content>
        <ResponseErrorPanel
          title="Could not load the pipelines"
          error={
            error ?? new Error('No answer from the pipeline-health backend')
          }
        />
        <Alert severity="info" sx={{ mt: 2 }}>
          The page retries on its own. If this persists, check that the
          pipeline-health backend plugin is installed and running, and that you
          are signed in with permission to read pipeline health.
        </Alert>
      </Content>
    );
  }
  if (value.pipelines.length === 0) {
    return (
      <Content>
        <NoPipelines />
      </Content>
    );
  }
  return (
    <Content>
      <Stack direction="row" justifyContent="space-between" sx={{ mb: 2 }}>
        <UpdatedAgo at={value.generatedAt} live={live} />
      </Stack>
      {error && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          The last refresh failed ({error.message}); showing the previous
          numbers.
        </Alert>
      )}
      <Box
        sx={{
          display: 'grid',
          gap: 2,
          gridTemplateColumns: 'repeat(auto-fill, minmax(480px, 1fr))',
        }}
      >
        {value.pipelines.map(pipeline => (
          <PipelineCard key={pipeline.id} pipeline={pipeline} />
        ))}
      </Box>
    </Content>
  );
};

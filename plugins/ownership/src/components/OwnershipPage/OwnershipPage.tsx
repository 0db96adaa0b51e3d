import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import {
  Content,
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { ownershipApiRef } from '../../api';
import { CoverageHeatmap } from '../CoverageHeatmap';
import { MatrixView } from '../MatrixView';

const VIEWS = [
  { id: 'matrix', label: 'Matrix' },
  { id: 'coverage', label: 'Coverage' },
] as const;
type ViewId = (typeof VIEWS)[number]['id'];

const CoverageView = () => {
  const api = useApi(ownershipApiRef);
  const { value, loading, error } = useAsync(() => api.getCoverage(), [api]);

  if (error) return <ResponseErrorPanel error={error} />;
  if (loading || !value) return <Progress />;
  if (value.byGroup.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No coverage findings"
        description="Every component, API and resource has an owner and a complete escalation policy. New gaps appear here as the catalog changes."
      />
    );
  }
  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {value.totalFindings} findings across {value.byGroup.length} teams ·
        snapshot from {new Date(value.generatedAt).toLocaleString()}. Select a
        count to see those entities in the matrix.
      </Typography>
      <CoverageHeatmap summary={value} />
    </>
  );
};

/** The Ownership page: the matrix of who owns what and who to call, and the coverage per team. */
export const OwnershipPage = () => {
  const [searchParams, setSearchParams] = useSearchParams();
  const view: ViewId =
    searchParams.get('view') === 'coverage' ? 'coverage' : 'matrix';

  return (
    <Content>
      <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 2 }}>
        <Tabs
          value={view}
          onChange={(_event, next: ViewId) => {
            const params = new URLSearchParams(searchParams);
            if (next === 'matrix') params.delete('view');
            else params.set('view', next);
            setSearchParams(params);
          }}
          aria-label="Ownership views"
        >
          {VIEWS.map(v => (
            <Tab
              key={v.id}
              value={v.id}
              label={v.label}
              id={`ownership-tab-${v.id}`}
              aria-controls={`ownership-panel-${v.id}`}
            />
          ))}
        </Tabs>
      </Box>
      <Box
        role="tabpanel"
        id={`ownership-panel-${view}`}
        aria-labelledby={`ownership-tab-${view}`}
      >
        {view === 'matrix' ? <MatrixView /> : <CoverageView />}
      </Box>
    </Content>
  );
};

import { Route, Routes } from 'react-router-dom';
import { PipelineDetailRoute } from '../PipelineDetailPage';
import { PipelinesPage } from '../PipelinesPage';

/** `/pipelines` lists the pipelines; `/pipelines/:pipelineId` is one pipeline (pipelineRouteRef). */
export const PipelinesRoutes = () => (
  <Routes>
    <Route path="/" element={<PipelinesPage />} />
    <Route path="/:pipelineId" element={<PipelineDetailRoute />} />
  </Routes>
);

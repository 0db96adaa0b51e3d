import { Route, Routes } from 'react-router-dom';
import { ApiVersionsPage } from '../ApiVersionsPage';
import { DiffRoute } from '../DiffPage';
import { FamilyRoute } from '../FamilyPage';

/** `/api-versions`, `/api-versions/:family` and `/api-versions/:family/diff`. */
export const ApiVersionsRoutes = () => (
  <Routes>
    <Route path="/" element={<ApiVersionsPage />} />
    <Route path="/:family" element={<FamilyRoute />} />
    <Route path="/:family/diff" element={<DiffRoute />} />
  </Routes>
);

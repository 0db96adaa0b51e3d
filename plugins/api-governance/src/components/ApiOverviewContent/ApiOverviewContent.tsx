import { useEntity } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Stack from '@mui/material/Stack';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { parseApiDefinition } from '../../spec/parseApiDefinition';
import { describeSpec, type OperationSheet } from '../../spec/specSheet';
import { DependencySection } from './DependencySection';
import { EndpointsSection } from './EndpointsSection';
import { PayloadsSection } from './PayloadsSection';
import { PurposeSection } from './PurposeSection';
import { SecuritySection } from './SecuritySection';
import { VersioningSection } from './VersioningSection';

/**
 * The API overview tab: the internal API specification sheet, assembled from the catalog
 * (purpose, context, versions, dependencies) and the OpenAPI document (endpoints, payloads,
 * security). A definition that cannot be read shows why, and the catalog parts still show.
 * `#operation-…` in the URL (diff findings link there) opens and scrolls to that operation.
 */
export const ApiOverviewContent = () => {
  const { entity } = useEntity();
  const { hash } = useLocation();
  const parsed = useMemo(() => parseApiDefinition(entity), [entity]);
  const sheet = useMemo(
    () => (parsed.ok ? describeSpec(parsed.document) : undefined),
    [parsed],
  );
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  const open = useCallback((anchor: string) => {
    setExpanded(previous => new Set([...previous, anchor]));
    // After the panel renders; jsdom has no scrollIntoView.
    requestAnimationFrame(() =>
      document.getElementById(anchor)?.scrollIntoView?.({ block: 'start' }),
    );
  }, []);

  useEffect(() => {
    const anchor = decodeURIComponent(hash.replace(/^#/, ''));
    if (anchor.startsWith('operation-') && sheet) open(anchor);
  }, [hash, sheet, open]);

  const toggle = useCallback((anchor: string, isOpen: boolean) => {
    setExpanded(previous => {
      const next = new Set(previous);
      if (isOpen) next.add(anchor);
      else next.delete(anchor);
      return next;
    });
  }, []);

  return (
    <Stack gap={3}>
      <PurposeSection entity={entity} sheet={sheet} />
      {parsed.ok && sheet ? (
        <>
          <EndpointsSection
            sheet={sheet}
            onOpenOperation={(operation: OperationSheet) =>
              open(operation.anchor)
            }
          />
          <PayloadsSection
            document={parsed.document}
            sheet={sheet}
            expanded={expanded}
            onToggle={toggle}
          />
        </>
      ) : (
        !parsed.ok && (
          <Alert severity="error" role="alert">
            <AlertTitle>{parsed.problem.title}</AlertTitle>
            {parsed.problem.message} Endpoints, payloads and security come from
            the definition and cannot be shown until it is fixed.
          </Alert>
        )
      )}
      <VersioningSection entity={entity} />
      {sheet && <SecuritySection sheet={sheet} />}
      <DependencySection entity={entity} />
    </Stack>
  );
};

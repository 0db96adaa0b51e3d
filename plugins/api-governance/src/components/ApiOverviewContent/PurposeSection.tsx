import type { Entity } from '@backstage/catalog-model';
import { MarkdownContent } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { SpecSheet } from '../../spec/specSheet';
import { LifecycleChip } from '../LifecycleChip';
import { Section } from './Section';
import { useBusinessContext } from './useApiCatalogContext';

const Fact = ({ label, children }: { label: string; children: any }) => (
  <Typography variant="body2" component="div">
    <strong>{label}: </strong>
    {children}
  </Typography>
);

/** Purpose (the catalog's description and the document's) and the business context. */
export const PurposeSection = ({
  entity,
  sheet,
}: {
  entity: Entity;
  sheet?: SpecSheet;
}) => {
  const context = useBusinessContext(entity);
  const owner = entity.spec?.owner;
  return (
    <Section title="Purpose and business context">
      <Stack gap={1.5}>
        <Typography variant="body1">
          {entity.metadata.description ??
            'No description in the catalog: add metadata.description.'}
        </Typography>
        <Stack direction="row" gap={3} flexWrap="wrap" alignItems="center">
          <Fact label="Owner">
            {typeof owner === 'string' ? (
              <EntityRefLink entityRef={owner} defaultKind="group" />
            ) : (
              'none'
            )}
          </Fact>
          <Fact label="Lifecycle">
            <LifecycleChip lifecycle={String(entity.spec?.lifecycle ?? '')} />
          </Fact>
          <Fact label="System">
            {context.value?.systemRef ? (
              <EntityRefLink entityRef={context.value.systemRef} />
            ) : (
              'none (set spec.system)'
            )}
          </Fact>
          <Fact label="Domain">
            {context.loading && 'loading…'}
            {context.value?.domainRef ? (
              <EntityRefLink entityRef={context.value.domainRef} />
            ) : (
              !context.loading &&
              !context.error &&
              (context.value?.systemRef
                ? 'none (set spec.domain on the system)'
                : 'none')
            )}
          </Fact>
          {sheet?.version && (
            <Fact label="Version">
              {sheet.version} (OpenAPI {sheet.openapi})
            </Fact>
          )}
        </Stack>
        {context.value?.missingSystem && (
          <Alert severity="warning">
            spec.system names {context.value.systemRef}, which is not in the
            catalog.
          </Alert>
        )}
        {context.error && (
          <Alert severity="warning">
            Could not read the system and domain: {context.error.message}
          </Alert>
        )}
        {sheet?.servers.length ? (
          <Fact label="Servers">
            <ul style={{ margin: 0 }}>
              {sheet.servers.map(server => (
                <li key={server.url}>
                  <code>{server.url}</code>
                  {server.description && ` (${server.description})`}
                </li>
              ))}
            </ul>
          </Fact>
        ) : null}
        {sheet?.description && (
          <div aria-label="Document description">
            <MarkdownContent content={sheet.description} dialect="gfm" />
          </div>
        )}
      </Stack>
    </Section>
  );
};

import { CodeSnippet } from '@backstage/core-components';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import type { MediaTypePayload, SpecSheet } from '../../spec/specSheet';
import { SchemaView } from '../SchemaView';
import { DeprecatedChip, MethodLabel } from './EndpointsSection';
import { Section } from './Section';

/** Examples longer than this are cut: the overview is for reading, not for copying dumps. */
const MAX_EXAMPLE_CHARS = 4_000;

function exampleText(value: unknown): string {
  const text =
    typeof value === 'string' ? value : JSON.stringify(value, null, 2) ?? '';
  return text.length > MAX_EXAMPLE_CHARS
    ? `${text.slice(0, MAX_EXAMPLE_CHARS)}\n… (${
        text.length - MAX_EXAMPLE_CHARS
      } more characters)`
    : text;
}

const Payload = ({
  document,
  payload,
}: {
  document: unknown;
  payload: MediaTypePayload;
}) => (
  <Stack gap={0.5} sx={{ mb: 1 }}>
    <Typography variant="caption" sx={{ fontFamily: 'monospace' }}>
      {payload.mediaType}
    </Typography>
    {payload.schema === undefined ? (
      <Typography variant="body2" color="text.secondary">
        No schema
      </Typography>
    ) : (
      <SchemaView document={document} schema={payload.schema} />
    )}
    {payload.examples.map(example => (
      <div key={example.name}>
        <Typography variant="caption">Example: {example.name}</Typography>
        <CodeSnippet language="json" text={exampleText(example.value)} />
      </div>
    ))}
  </Stack>
);

/**
 * Request and response payloads per operation, collapsed: closed panels are not rendered
 * at all, so a document with hundreds of operations stays quick to open.
 */
export const PayloadsSection = ({
  document,
  sheet,
  expanded,
  onToggle,
}: {
  document: unknown;
  sheet: SpecSheet;
  expanded: ReadonlySet<string>;
  onToggle: (anchor: string, open: boolean) => void;
}) => (
  <Section
    title="Payload formats"
    subheader="Parameters, request and response schemas with their examples, per operation"
  >
    {sheet.tagGroups.flatMap(group =>
      group.operations.map(operation => (
        <Accordion
          key={operation.anchor}
          id={operation.anchor}
          expanded={expanded.has(operation.anchor)}
          onChange={(_event, open) => onToggle(operation.anchor, open)}
          TransitionProps={{ unmountOnExit: true }}
          disableGutters
        >
          <AccordionSummary
            expandIcon={<ExpandMoreIcon />}
            aria-controls={`${operation.anchor}-details`}
          >
            <Stack direction="row" gap={1} alignItems="center" flexWrap="wrap">
              <MethodLabel method={operation.method} />
              <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
                {operation.path}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {operation.summary}
              </Typography>
              {operation.deprecated && <DeprecatedChip />}
            </Stack>
          </AccordionSummary>
          <AccordionDetails id={`${operation.anchor}-details`}>
            <Stack gap={2}>
              {operation.description && (
                <Typography variant="body2">{operation.description}</Typography>
              )}
              {operation.parameters.length > 0 && (
                <div>
                  <Typography variant="subtitle2" component="h4">
                    Parameters
                  </Typography>
                  <ul>
                    {operation.parameters.map(parameter => (
                      <li key={`${parameter.in}:${parameter.name}`}>
                        <Typography
                          component="span"
                          variant="body2"
                          sx={{ fontFamily: 'monospace', fontWeight: 600 }}
                        >
                          {parameter.name}
                        </Typography>{' '}
                        <Typography component="span" variant="body2">
                          in {parameter.in}
                          {parameter.required ? ', required' : ', optional'}
                          {parameter.deprecated ? ', deprecated' : ''}
                          {parameter.description
                            ? `: ${parameter.description}`
                            : ''}
                        </Typography>
                        {parameter.schema !== undefined && (
                          <SchemaView
                            document={document}
                            schema={parameter.schema}
                          />
                        )}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              <div>
                <Typography variant="subtitle2" component="h4">
                  Request body
                </Typography>
                {operation.requestBody ? (
                  <>
                    <Typography variant="body2">
                      {operation.requestBody.required ? 'Required' : 'Optional'}
                      {operation.requestBody.description
                        ? `: ${operation.requestBody.description}`
                        : ''}
                    </Typography>
                    {operation.requestBody.content.map(payload => (
                      <Payload
                        key={payload.mediaType}
                        document={document}
                        payload={payload}
                      />
                    ))}
                  </>
                ) : (
                  <Typography variant="body2" color="text.secondary">
                    None
                  </Typography>
                )}
              </div>
              <div>
                <Typography variant="subtitle2" component="h4">
                  Responses
                </Typography>
                {operation.responses.map(response => (
                  <Stack key={response.status} gap={0.5} sx={{ mt: 1 }}>
                    <Typography variant="body2">
                      <strong>{response.status}</strong>
                      {response.description ? ` ${response.description}` : ''}
                    </Typography>
                    {response.content.map(payload => (
                      <Payload
                        key={payload.mediaType}
                        document={document}
                        payload={payload}
                      />
                    ))}
                  </Stack>
                ))}
              </div>
            </Stack>
          </AccordionDetails>
        </Accordion>
      )),
    )}
  </Section>
);

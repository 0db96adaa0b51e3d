import { EntityRefLink } from '@backstage/plugin-catalog-react';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { LineVersion } from '@plinth/plugin-api-governance-common';
import type { ReactNode } from 'react';
import { LifecycleChip } from '../LifecycleChip';
import { SunsetCountdown } from '../SunsetCountdown';

/**
 * A family's lines oldest to newest, each with its semver, lifecycle and sunset countdown.
 * `between(i)` renders what sits between line i and line i + 1 (the family page puts the
 * diff summary there). An ordered list, so the order is also read out.
 */
export const VersionTimeline = ({
  family,
  lines,
  between,
}: {
  family: string;
  lines: LineVersion[];
  between?: (index: number) => ReactNode;
}) => (
  <Stack
    component="ol"
    aria-label={`Version timeline of ${family}`}
    direction="row"
    flexWrap="wrap"
    alignItems="center"
    gap={1}
    sx={{ listStyle: 'none', p: 0, m: 0 }}
  >
    {lines.map((line, i) => (
      <Stack
        component="li"
        key={line.entityRef}
        direction="row"
        alignItems="center"
        gap={1}
        aria-label={line.title ?? line.name}
      >
        <Paper variant="outlined" sx={{ p: 1.5, minWidth: 200 }}>
          <Stack gap={0.5}>
            <Typography variant="subtitle2" component="span">
              <EntityRefLink entityRef={line.entityRef} hideIcon>
                {line.title ?? line.name}
              </EntityRefLink>
            </Typography>
            <Stack direction="row" gap={1} alignItems="center">
              <LifecycleChip lifecycle={line.lifecycle} />
              <Typography variant="body2" component="span">
                {line.semver ? `v${line.semver}` : 'no version'}
              </Typography>
            </Stack>
            {line.deprecatedAt && (
              <Typography variant="body2" color="text.secondary">
                Deprecated {line.deprecatedAt}
              </Typography>
            )}
            {(line.sunsetAt || line.lifecycle === 'deprecated') && (
              <SunsetCountdown sunsetAt={line.sunsetAt} />
            )}
            {line.definitionProblem && (
              <Typography variant="body2" color="error">
                Definition unusable: {line.definitionProblem.message}
              </Typography>
            )}
          </Stack>
        </Paper>
        {i < lines.length - 1 && (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <ArrowForwardIcon aria-hidden color="action" />
            {between?.(i)}
          </Box>
        )}
      </Stack>
    ))}
  </Stack>
);

import { Fragment, useState } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import KeyboardArrowDownIcon from '@mui/icons-material/KeyboardArrowDown';
import KeyboardArrowRightIcon from '@mui/icons-material/KeyboardArrowRight';
import {
  LAG_STATUSES,
  type ConsumerGroupHealth,
  type ConsumerGroupPartitions,
} from '@plinth/plugin-pipeline-health-common';
import { formatCount, formatDurationMs } from '../../format';
import { useLiveResource } from '../../hooks/useLiveResource';
import { visuallyHidden } from '../../visuallyHidden';
import { LagStatusChip } from '../StatusChip';
import { PartitionTable } from './PartitionTable';

const COLUMNS = 9;

const countsText = (group: ConsumerGroupHealth) =>
  LAG_STATUSES.filter(s => group.statusCounts[s] > 0)
    .map(s => `${group.statusCounts[s]} ${s.toLowerCase()}`)
    .join(', ') || 'none';

const GroupPartitions = ({
  group,
  load,
}: {
  group: ConsumerGroupHealth;
  load: (group: ConsumerGroupHealth) => Promise<ConsumerGroupPartitions>;
}) => {
  const { value, error, loading } = useLiveResource(
    () => load(group),
    `${group.cluster}/${group.group}`,
  );
  if (loading) return <Progress />;
  if (!value) {
    return (
      <ResponseErrorPanel
        title={`Could not load the partitions of ${group.group}`}
        error={error ?? new Error('No answer')}
      />
    );
  }
  return <PartitionTable group={group.group} partitions={value.partitions} />;
};

const groupKey = (g: ConsumerGroupHealth) => `${g.cluster}/${g.group}`;

/**
 * One row per consumer group with its sums; a row expands on demand to its partitions
 * (loaded only then, since a group can have hundreds). Without `loadPartitions` the rows
 * do not expand.
 */
export const ConsumerGroupsTable = ({
  groups,
  loadPartitions,
}: {
  groups: ConsumerGroupHealth[];
  loadPartitions?: (
    group: ConsumerGroupHealth,
  ) => Promise<ConsumerGroupPartitions>;
}) => {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setExpanded(previous => {
      const next = new Set(previous);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  if (groups.length === 0) {
    return (
      <Typography variant="body2">No consumer groups are tracked.</Typography>
    );
  }
  return (
    <Table size="small" aria-label="Consumer groups">
      <TableHead>
        <TableRow>
          <TableCell padding="checkbox">
            <Box component="span" sx={visuallyHidden}>
              Expand
            </Box>
          </TableCell>
          <TableCell>Group</TableCell>
          <TableCell>State</TableCell>
          <TableCell align="right">Members</TableCell>
          <TableCell align="right">Partitions</TableCell>
          <TableCell align="right">Offset lag</TableCell>
          <TableCell align="right">Max lag</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Partitions by status</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {groups.map(group => {
          const key = groupKey(group);
          const isOpen = expanded.has(key);
          const panelId = `partitions-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
          return (
            <Fragment key={key}>
              <TableRow>
                <TableCell padding="checkbox">
                  {loadPartitions && (
                    <IconButton
                      size="small"
                      aria-expanded={isOpen}
                      aria-controls={isOpen ? panelId : undefined}
                      aria-label={`${isOpen ? 'Hide' : 'Show'} partitions of ${
                        group.group
                      }`}
                      onClick={() => toggle(key)}
                    >
                      {isOpen ? (
                        <KeyboardArrowDownIcon />
                      ) : (
                        <KeyboardArrowRightIcon />
                      )}
                    </IconButton>
                  )}
                </TableCell>
                <TableCell component="th" scope="row">
                  <strong>{group.group}</strong>
                  <Typography variant="caption" display="block">
                    {group.cluster} · {group.topics.join(', ') || 'no topics'}
                  </Typography>
                  {group.problem && (
                    <Typography variant="body2" color="error">
                      {group.problem}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{group.state ?? 'not read yet'}</TableCell>
                <TableCell align="right">
                  {group.members === undefined ? '–' : group.members}
                </TableCell>
                <TableCell align="right">
                  {formatCount(group.partitionCount)}
                </TableCell>
                <TableCell align="right">
                  {formatCount(group.offsetLag)}
                </TableCell>
                <TableCell align="right">
                  {group.maxLagSeconds === undefined
                    ? 'no estimate'
                    : formatDurationMs(group.maxLagSeconds * 1_000)}
                </TableCell>
                <TableCell>
                  <LagStatusChip status={group.status} />
                </TableCell>
                <TableCell>{countsText(group)}</TableCell>
              </TableRow>
              {isOpen && loadPartitions && (
                <TableRow>
                  <TableCell colSpan={COLUMNS} id={panelId}>
                    <GroupPartitions group={group} load={loadPartitions} />
                  </TableCell>
                </TableRow>
              )}
            </Fragment>
          );
        })}
      </TableBody>
    </Table>
  );
};

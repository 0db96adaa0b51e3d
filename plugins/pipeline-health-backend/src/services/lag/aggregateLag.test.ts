import { LagStatus, PartitionLag } from '@plinth/plugin-pipeline-health-common';
import { aggregateLag } from './aggregateLag';

const partition = (
  topic: string,
  index: number,
  offsetLag: number,
  status: LagStatus,
  lagSeconds?: number,
): PartitionLag => ({
  topic,
  partition: index,
  endOffset: 1_000 + offsetLag,
  committedOffset: 1_000,
  offsetLag,
  lagSeconds,
  lagSecondsMethod:
    lagSeconds === undefined ? 'insufficient-samples' : 'interpolated',
  status,
});

describe('aggregateLag', () => {
  it('sums offset lag, keeps the largest lag in seconds and the worst status per group and topic', () => {
    const { groups, topics } = aggregateLag([
      {
        group: 'ingester',
        partitions: [
          partition('events', 0, 10, 'OK', 1.5),
          partition('events', 1, 30, 'WARNING', 12),
          partition('dead-letters', 0, 0, 'OK', 0),
        ],
      },
      {
        group: 'analytics',
        partitions: [
          partition('events', 0, 500, 'STALLED', 300),
          partition('events', 1, 700, 'STALLED'),
        ],
      },
    ]);
    expect(groups).toEqual([
      {
        group: 'ingester',
        topics: ['dead-letters', 'events'],
        offsetLag: 40,
        maxLagSeconds: 12,
        status: 'WARNING',
        statusCounts: { OK: 2, WARNING: 1, STALLED: 0, STOPPED: 0, ERROR: 0 },
        partitionCount: 3,
      },
      {
        group: 'analytics',
        topics: ['events'],
        offsetLag: 1_200,
        maxLagSeconds: 300,
        status: 'STALLED',
        statusCounts: { OK: 0, WARNING: 0, STALLED: 2, STOPPED: 0, ERROR: 0 },
        partitionCount: 2,
      },
    ]);
    expect(topics.map(t => [t.topic, t.groups, t.offsetLag, t.status])).toEqual(
      [
        ['dead-letters', ['ingester'], 0, 'OK'],
        ['events', ['analytics', 'ingester'], 1_240, 'STALLED'],
      ],
    );
  });

  it('reports a group with no partitions as OK with nothing counted and no lag in seconds', () => {
    const { groups } = aggregateLag([{ group: 'idle', partitions: [] }]);
    expect(groups[0]).toMatchObject({
      offsetLag: 0,
      status: 'OK',
      partitionCount: 0,
    });
    expect(groups[0].maxLagSeconds).toBeUndefined();
  });

  it('lets one ERROR partition make the whole group ERROR', () => {
    const { groups } = aggregateLag([
      {
        group: 'ingester',
        partitions: [
          partition('events', 0, 0, 'STOPPED'),
          partition('events', 1, 0, 'ERROR'),
        ],
      },
    ]);
    expect(groups[0].status).toBe('ERROR');
  });

  it('summarises 2,000 partitions across 200 groups into one row each', () => {
    const statuses: LagStatus[] = ['OK', 'WARNING', 'STALLED', 'STOPPED'];
    const input = Array.from({ length: 200 }, (_, g) => ({
      group: `group-${g}`,
      partitions: Array.from({ length: 10 }, (__, p) =>
        partition(`topic-${g % 20}`, p, p, statuses[(g + p) % 4], p),
      ),
    }));
    const { groups, topics } = aggregateLag(input);
    expect(groups).toHaveLength(200);
    expect(topics).toHaveLength(20);
    expect(groups.reduce((n, g) => n + g.partitionCount, 0)).toBe(2_000);
    expect(topics.reduce((n, t) => n + t.offsetLag, 0)).toBe(200 * 45);
    expect(topics[0].groups).toHaveLength(10);
    expect(groups[0].statusCounts).toEqual({
      OK: 3,
      WARNING: 3,
      STALLED: 2,
      STOPPED: 2,
      ERROR: 0,
    });
  });
});

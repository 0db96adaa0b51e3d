import {
  ConsumerGroupLag,
  LagSummary,
  PartitionLag,
  TopicLag,
  emptyLagStatusCounts,
  worseLagStatus,
} from '@plinth/plugin-pipeline-health-common';

/** The partitions one consumer group was observed on in one poll. */
export type GroupPartitions = { group: string; partitions: PartitionLag[] };

export type LagAggregate = {
  /** One entry per group, in the order given. */
  groups: ConsumerGroupLag[];
  /** One entry per topic, sorted by name, summed over every group that consumes it. */
  topics: TopicLag[];
};

function emptySummary(): LagSummary {
  return {
    offsetLag: 0,
    status: 'OK',
    statusCounts: emptyLagStatusCounts(),
    partitionCount: 0,
  };
}

function addPartition(summary: LagSummary, partition: PartitionLag) {
  summary.offsetLag += partition.offsetLag;
  summary.partitionCount += 1;
  summary.statusCounts[partition.status] += 1;
  summary.status = worseLagStatus(summary.status, partition.status);
  if (
    partition.lagSeconds !== undefined &&
    (summary.maxLagSeconds === undefined ||
      partition.lagSeconds > summary.maxLagSeconds)
  ) {
    summary.maxLagSeconds = partition.lagSeconds;
  }
}

/**
 * Sums per consumer group and per topic: what a page shows for 2,000 partitions without
 * listing them (the per-partition rows stay in the snapshot, opened on demand). One pass,
 * linear in the number of partitions.
 */
export function aggregateLag(input: GroupPartitions[]): LagAggregate {
  const topics = new Map<string, TopicLag>();
  const groups = input.map(({ group, partitions }): ConsumerGroupLag => {
    const summary = emptySummary();
    const groupTopics = new Set<string>();
    for (const partition of partitions) {
      addPartition(summary, partition);
      groupTopics.add(partition.topic);
      let topic = topics.get(partition.topic);
      if (!topic) {
        topic = { ...emptySummary(), topic: partition.topic, groups: [] };
        topics.set(partition.topic, topic);
      }
      addPartition(topic, partition);
      if (topic.groups[topic.groups.length - 1] !== group) {
        topic.groups.push(group);
      }
    }
    return { ...summary, group, topics: [...groupTopics].sort() };
  });
  return {
    groups,
    topics: [...topics.values()]
      .map(topic => ({ ...topic, groups: [...new Set(topic.groups)].sort() }))
      .sort((a, b) => a.topic.localeCompare(b.topic)),
  };
}

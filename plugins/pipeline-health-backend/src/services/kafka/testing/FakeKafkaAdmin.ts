import type { ConsumerGroupState } from '@plinth/plugin-pipeline-health-common';
import type {
  ConsumerGroupDescription,
  KafkaAdminPort,
  OffsetPosition,
  TopicCommittedOffsets,
  TopicOffsets,
} from '../KafkaAdminPort';

/** Which call a failure or a gate applies to. */
export type FakeCall =
  | `${OffsetPosition}Offsets`
  | `committed:${string}`
  | 'describeGroups';

type PartitionOffsets = { partition: number; low: number; high: number };

/**
 * An in-memory cluster behind the KafkaAdminPort interface, for the collector's unit tests:
 * topics with end offsets, groups with commits, state and members, and hooks to make calls
 * fail or wait. Every call counts as one request and yields to the event loop once (a broker
 * round trip), so concurrency is observable.
 */
export class FakeKafkaAdmin implements KafkaAdminPort {
  readonly calls: FakeCall[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Every topic asked for, per call, e.g. `end:events` (batched calls list each topic). */
  readonly topicsAsked: string[] = [];
  private readonly topics = new Map<string, PartitionOffsets[]>();
  private readonly topicFailures = new Map<string, Error>();
  private readonly commits = new Map<
    string,
    Map<string, Map<number, number>>
  >();
  private readonly groups = new Map<string, ConsumerGroupDescription>();
  private readonly failures = new Map<FakeCall | '*', Error>();
  private readonly gates = new Map<FakeCall | '*', Promise<void>>();
  private requests = 0;
  closed = false;

  /** Sets a topic's partitions: `high` per partition, log start 0 unless given. */
  setTopic(topic: string, highs: number[], lows?: number[]): this {
    this.topics.set(
      topic,
      highs.map((high, partition) => ({
        partition,
        low: lows?.[partition] ?? 0,
        high,
      })),
    );
    return this;
  }

  commit(group: string, topic: string, offsets: number[]): this {
    let byTopic = this.commits.get(group);
    if (!byTopic) {
      byTopic = new Map();
      this.commits.set(group, byTopic);
    }
    byTopic.set(topic, new Map(offsets.map((o, partition) => [partition, o])));
    if (!this.groups.has(group)) {
      this.setGroup(group, 'Stable', 1);
    }
    return this;
  }

  setGroup(group: string, state: ConsumerGroupState, members: number): this {
    this.groups.set(group, { groupId: group, state, members });
    return this;
  }

  /** Makes a call (or every call, '*') fail with `error` until cleared with undefined. */
  fail(call: FakeCall | '*', error: Error | undefined): this {
    if (error) {
      this.failures.set(call, error);
    } else {
      this.failures.delete(call);
    }
    return this;
  }

  /** Holds a call (or every call, '*') until the returned function is called. */
  hold(call: FakeCall | '*'): () => void {
    let open!: () => void;
    this.gates.set(
      call,
      new Promise<void>(resolve => {
        open = resolve;
      }),
    );
    return () => {
      this.gates.delete(call);
      open();
    };
  }

  /** Makes one topic of a batched offsets call fail (the others answer) until cleared. */
  failTopic(topic: string, error: Error | undefined): this {
    if (error) {
      this.topicFailures.set(topic, error);
    } else {
      this.topicFailures.delete(topic);
    }
    return this;
  }

  count(call: FakeCall): number {
    return this.calls.filter(c => c === call).length;
  }

  /** How often a topic's offsets at `position` were asked for. */
  asked(position: OffsetPosition, topic: string): number {
    return this.topicsAsked.filter(t => t === `${position}:${topic}`).length;
  }

  fetchTopicOffsets(
    topics: string[],
    position: OffsetPosition,
  ): Promise<TopicOffsets[]> {
    topics.forEach(topic => this.topicsAsked.push(`${position}:${topic}`));
    return this.answer(`${position}Offsets`, () =>
      topics.map((topic): TopicOffsets => {
        const partitions = this.topics.get(topic);
        const failure = this.topicFailures.get(topic);
        if (failure) {
          return { topic, error: failure };
        }
        if (!partitions) {
          return {
            topic,
            error: new Error(`topic "${topic}" does not exist`),
          };
        }
        return {
          topic,
          partitions: partitions.map(p => ({
            partition: p.partition,
            offset: position === 'end' ? p.high : p.low,
          })),
        };
      }),
    );
  }

  fetchCommittedOffsets(groupId: string): Promise<TopicCommittedOffsets[]> {
    return this.answer(`committed:${groupId}`, () => {
      const byTopic = this.commits.get(groupId) ?? new Map();
      const names = [...byTopic.keys()];
      return names.map(topic => ({
        topic,
        partitions: [...(byTopic.get(topic) ?? new Map()).entries()].map(
          ([partition, offset]) => ({ partition, offset }),
        ),
      }));
    });
  }

  describeGroups(groupIds: string[]): Promise<ConsumerGroupDescription[]> {
    return this.answer('describeGroups', () =>
      groupIds.map(
        id => this.groups.get(id) ?? { groupId: id, state: 'Dead', members: 0 },
      ),
    );
  }

  requestCount(): number {
    return this.requests;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private async answer<T>(call: FakeCall, value: () => T): Promise<T> {
    this.calls.push(call);
    this.requests += 1;
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise(resolve => setImmediate(resolve));
      await this.gates.get(call);
      await this.gates.get('*');
      const failure = this.failures.get(call) ?? this.failures.get('*');
      if (failure) {
        throw failure;
      }
      return value();
    } finally {
      this.inFlight -= 1;
    }
  }
}

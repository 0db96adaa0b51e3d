import type { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import type {
  ConsumerGroupHealth,
  ConsumerGroupState,
  PartitionLag,
  SourceState,
  TopicLag,
} from '@plinth/plugin-pipeline-health-common';
import type { KafkaClusterConfig } from '../../config';
import {
  DEFAULT_STOPPED_AFTER_MS,
  OffsetSampleRing,
  PartitionObservation,
  aggregateLag,
  estimateLagSeconds,
  evaluatePartitionStatus,
} from '../lag';
import type {
  ConsumerGroupDescription,
  KafkaAdminPort,
  TopicCommittedOffsets,
} from './KafkaAdminPort';

/** What one collector knows about its cluster after the last poll. */
export type KafkaClusterSnapshot = {
  cluster: string;
  source: SourceState;
  /**
   * ISO time of the last poll that produced numbers (ok or degraded). A poll that found the
   * cluster unavailable leaves it, and the numbers, as they were.
   */
  polledAt?: string;
  /** How long the last poll took, whatever its outcome. */
  pollDurationMs?: number;
  /** Requests the last poll sent to the cluster (see KafkaAdminPort.requestCount). */
  requestsLastPoll: number;
  /** Per tracked group: the summary and every partition it is judged on. */
  groups: Map<
    string,
    { health: ConsumerGroupHealth; partitions: PartitionLag[] }
  >;
  /** Per topic read by a tracked group: summed over those groups. */
  topics: Map<string, TopicLag>;
};

export type KafkaLagCollectorOptions = {
  cluster: KafkaClusterConfig;
  admin: KafkaAdminPort;
  logger: LoggerService;
  /** Group states and members are read again only when older than this. */
  groupStateIntervalMs: number;
  /** Epoch ms; injectable for tests. */
  now?: () => number;
  /** Requests in flight at once per poll. Default 32. */
  concurrency?: number;
  /**
   * Log start offsets (only needed for partitions a group never committed on) are read
   * again only when older than this. Default 60 s; the log start moves with retention, so a
   * minute-old value overstates such a partition's lag by at most a minute of deletions.
   */
  startOffsetIntervalMs?: number;
  /** Observations per partition the status is judged over (Burrow's window). Default 10. */
  statusWindow?: number;
  /**
   * End-offset samples kept per partition for lag in seconds. Default 120 (10 minutes at
   * the default 5 s poll); a consumer further behind gets a lower bound (see README).
   */
  sampleRingCapacity?: number;
  /** Commits still for this long make a partition STOPPED. Default 5 minutes. */
  stoppedAfterMs?: number;
};

export const DEFAULT_COLLECTOR_CONCURRENCY = 32;
export const DEFAULT_START_OFFSET_INTERVAL_MS = 60_000;
/** Groups judged between two yields to the event loop, so requests are served meanwhile. */
const GROUPS_PER_SLICE = 25;
export const DEFAULT_STATUS_WINDOW = 10;
export const DEFAULT_SAMPLE_RING_CAPACITY = 120;

/** A group x partition's memory between polls. */
type PartitionState = {
  observations: PartitionObservation[];
  lastCommitted?: number;
  lastCommitMovedAt?: number;
  /** The row reported last time, shown (as ERROR) when this poll could not read it. */
  last?: PartitionLag;
};

type Settled<T> = { ok: true; value: T } | { ok: false; error: Error };

type PartitionOffset = { partition: number; offset: number };
/** One topic's end offsets from this cycle, and when they arrived. */
type EndOffsets = Settled<{ offsets: PartitionOffset[]; at: number }>;
/** A topic's log start offsets, read on a slower interval. */
type StartOffsets = { readAt: number; byPartition: Map<number, number> };

const yieldToEventLoop = () =>
  new Promise<void>(resolve => setImmediate(resolve));

const partitionKey = (topic: string, partition: number) =>
  `${topic}\u0000${partition}`;

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Collects consumer lag from one Kafka cluster in the background: the page reads
 * `snapshot()`, never Kafka. One poll cycle (see README "Kafka collection"):
 *
 * 1. In parallel, at most `concurrency` requests at a time: the committed offsets of every
 *    tracked group (one request each, all topics the group committed on), the end offsets of
 *    ALL topics known from the last cycle (one batched call, ONCE per topic however many
 *    groups read it), and the group states when older than `groupStateIntervalMs` (one
 *    batched call).
 * 2. End offsets of topics seen for the first time in step 1 (one batched call).
 * 3. Log start offsets, only of topics with a partition some group never committed on, and
 *    only when older than `startOffsetIntervalMs` (one batched call).
 * 4. Per group x topic x partition: the end-offset sample ring (lag in seconds), offset lag
 *    clamped at 0, the status over the last `statusWindow` observations; then sums per group
 *    and per topic. This yields to the event loop every few groups: requests to the API are
 *    answered while a large cluster is judged.
 *
 * A request that fails marks what it was for (a group, a topic) and the source degraded; a
 * cycle in which no request succeeded marks the source unavailable and keeps the last
 * numbers. Once a request finds the cluster unreachable, the cycle's queued requests are
 * not sent: they would only wait for the same timeout one after another.
 */
export class KafkaLagCollector {
  private readonly cluster: KafkaClusterConfig;
  private readonly admin: KafkaAdminPort;
  private readonly logger: LoggerService;
  private readonly now: () => number;
  private readonly groupStateIntervalMs: number;
  private readonly concurrency: number;
  private readonly statusWindow: number;
  private readonly sampleRingCapacity: number;
  private readonly stoppedAfterMs: number;
  private readonly startOffsetIntervalMs: number;

  private trackedGroups: string[] = [];
  private extraTopicsByGroup = new Map<string, string[]>();
  /** End-offset samples per topic partition, shared by every group reading it. */
  private readonly rings = new Map<string, Map<number, OffsetSampleRing>>();
  private readonly partitionStates = new Map<
    string,
    Map<string, PartitionState>
  >();
  private readonly groupStates = new Map<string, ConsumerGroupDescription>();
  private readonly startOffsets = new Map<string, StartOffsets>();
  private groupStatesReadAt?: number;
  /** Problems logged per group, so a problem is logged when it appears or changes only. */
  private readonly loggedProblems = new Map<string, string>();
  /** The source state last logged: logs say when it changes, not on every poll. */
  private loggedSourceState?: SourceState['state'];
  private running?: Promise<void>;
  private current: KafkaClusterSnapshot;

  constructor(options: KafkaLagCollectorOptions) {
    this.cluster = options.cluster;
    this.admin = options.admin;
    this.logger = options.logger.child({ cluster: options.cluster.name });
    this.now = options.now ?? Date.now;
    this.groupStateIntervalMs = options.groupStateIntervalMs;
    this.concurrency = options.concurrency ?? DEFAULT_COLLECTOR_CONCURRENCY;
    this.statusWindow = options.statusWindow ?? DEFAULT_STATUS_WINDOW;
    this.sampleRingCapacity =
      options.sampleRingCapacity ?? DEFAULT_SAMPLE_RING_CAPACITY;
    this.stoppedAfterMs = options.stoppedAfterMs ?? DEFAULT_STOPPED_AFTER_MS;
    this.startOffsetIntervalMs =
      options.startOffsetIntervalMs ?? DEFAULT_START_OFFSET_INTERVAL_MS;
    this.current = {
      cluster: this.cluster.name,
      source: {
        state: 'unavailable',
        error: `Kafka cluster "${this.cluster.name}" has not been polled yet`,
      },
      requestsLastPoll: 0,
      groups: new Map(),
      topics: new Map(),
    };
  }

  get clusterName(): string {
    return this.cluster.name;
  }

  /**
   * The groups to collect (the configured pipelines' groups and those named in catalog
   * annotations) and, per group, topics to report even where it never committed (a
   * pipeline's configured topics). Takes effect at the next poll; state of groups no longer
   * tracked is dropped.
   */
  setTrackedGroups(
    groups: string[],
    extraTopicsByGroup?: Map<string, string[]> | Record<string, string[]>,
  ): void {
    this.trackedGroups = [...new Set(groups)].sort();
    const extras =
      extraTopicsByGroup instanceof Map
        ? extraTopicsByGroup
        : new Map(Object.entries(extraTopicsByGroup ?? {}));
    this.extraTopicsByGroup = new Map(
      [...extras].map(([group, topics]) => [group, [...new Set(topics)]]),
    );
    const tracked = new Set(this.trackedGroups);
    for (const group of [...this.partitionStates.keys()]) {
      if (!tracked.has(group)) {
        this.partitionStates.delete(group);
        this.groupStates.delete(group);
        this.loggedProblems.delete(group);
      }
    }
  }

  /** One poll cycle; a call while one runs returns the running one. Never rejects. */
  poll(): Promise<void> {
    if (!this.running) {
      this.running = this.cycle().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  snapshot(): KafkaClusterSnapshot {
    return { ...this.current };
  }

  async close(): Promise<void> {
    await this.running;
    await this.admin.close();
  }

  private async cycle(): Promise<void> {
    const started = this.now();
    const requestsBefore = this.admin.requestCount();
    try {
      await this.collect(started);
    } catch (error) {
      // A bug here must not stop the scheduler's next poll; the page shows it.
      const message = `Kafka lag collection failed: ${asError(error).message}`;
      this.logger.error(message);
      this.setSource({ state: 'degraded', error: message }, started);
    }
    this.current = {
      ...this.current,
      pollDurationMs: this.now() - started,
      requestsLastPoll: this.admin.requestCount() - requestsBefore,
    };
  }

  private async collect(started: number): Promise<void> {
    const groups = this.trackedGroups;
    if (groups.length === 0) {
      this.current = {
        ...this.current,
        polledAt: new Date(started).toISOString(),
        groups: new Map(),
        topics: new Map(),
      };
      return;
    }

    let succeeded = 0;
    const failures: Error[] = [];
    let unreachable: Error | undefined;
    const queue: Array<() => void> = [];
    let active = 0;
    const acquire = async () => {
      if (active < this.concurrency) {
        active += 1;
        return;
      }
      await new Promise<void>(resolve => queue.push(resolve));
    };
    // The slot passes straight to the next waiter, so no newcomer can slip in between.
    const release = () => {
      const next = queue.shift();
      if (next) {
        next();
      } else {
        active -= 1;
      }
    };
    // Every request of the cycle goes through here: bounded concurrency, and once one finds
    // the cluster unreachable the ones still queued fail at once with the same error.
    const request = async <T>(send: () => Promise<T>): Promise<Settled<T>> => {
      await acquire();
      try {
        if (unreachable) {
          throw unreachable;
        }
        const value = await send();
        succeeded += 1;
        return { ok: true, value };
      } catch (e) {
        const error = asError(e);
        if (error !== unreachable) {
          failures.push(error);
        }
        if (!unreachable && ServiceUnavailableError.is(error)) {
          unreachable = error;
        }
        return { ok: false, error };
      } finally {
        release();
      }
    };

    const topicResults = new Map<string, EndOffsets>();
    // One call for many topics; a topic the broker could not answer for fails alone.
    const fetchEndOffsets = async (topics: string[]) => {
      if (topics.length === 0) {
        return;
      }
      const result = await request(async () => {
        const rows = await this.admin.fetchTopicOffsets(topics, 'end');
        // The samples' time: when the answer arrived (see README on the error bound).
        return { rows, at: this.now() };
      });
      if (!result.ok) {
        topics.forEach(topic => topicResults.set(topic, result));
        return;
      }
      for (const row of result.value.rows) {
        if (row.error) {
          failures.push(row.error);
          topicResults.set(row.topic, { ok: false, error: row.error });
        } else {
          topicResults.set(row.topic, {
            ok: true,
            value: { offsets: row.partitions, at: result.value.at },
          });
        }
      }
    };

    const statesDue =
      this.groupStatesReadAt === undefined ||
      started - this.groupStatesReadAt >= this.groupStateIntervalMs;
    const states = statesDue
      ? request(() => this.admin.describeGroups(groups))
      : undefined;
    const known = this.knownTopics(groups);
    const knownRead = fetchEndOffsets([...known]);
    const committed = await Promise.all(
      groups.map(group =>
        request(() => this.admin.fetchCommittedOffsets(group)),
      ),
    );
    const statesResult = await states;
    await knownRead;
    const newTopics = new Set<string>();
    for (const result of committed) {
      if (result.ok) {
        for (const t of result.value) {
          if (!known.has(t.topic)) {
            newTopics.add(t.topic);
          }
        }
      }
    }
    await fetchEndOffsets([...newTopics]);
    await this.refreshStartOffsets(groups, committed, topicResults, request);

    if (succeeded === 0) {
      // Nothing answered: keep the last numbers, they are the best there is.
      const error = unreachable ?? failures[0];
      this.setSource({ state: 'unavailable', error: error?.message }, started);
      return;
    }

    if (statesResult?.ok) {
      this.groupStatesReadAt = started;
      for (const description of statesResult.value) {
        this.groupStates.set(description.groupId, description);
      }
    }
    const now = this.now();
    for (const [topic, result] of topicResults) {
      if (result.ok) {
        this.recordEndOffsets(topic, result.value.offsets, result.value.at);
      }
    }

    const rows: ReturnType<KafkaLagCollector['judgeGroup']>[] = [];
    for (let index = 0; index < groups.length; index++) {
      if (index > 0 && index % GROUPS_PER_SLICE === 0) {
        await yieldToEventLoop();
      }
      rows.push(
        this.judgeGroup(groups[index], committed[index], topicResults, now),
      );
    }
    const { groups: summaries, topics } = aggregateLag(
      rows.map(r => ({ group: r.group, partitions: r.partitions })),
    );
    const groupMap = new Map<
      string,
      { health: ConsumerGroupHealth; partitions: PartitionLag[] }
    >();
    summaries.forEach((summary, index) => {
      const { problem, partitions } = rows[index];
      const description = this.groupStates.get(summary.group);
      const health: ConsumerGroupHealth = {
        ...summary,
        cluster: this.cluster.name,
        state: description?.state,
        members: description?.members,
        problem,
        // A group with a problem has no trustworthy numbers: it must not look healthy.
        status: problem ? 'ERROR' : summary.status,
      };
      groupMap.set(summary.group, { health, partitions });
      this.logProblem(summary.group, problem);
    });

    this.dropUnusedRings(new Set(topics.map(t => t.topic)), topicResults);
    this.current = {
      ...this.current,
      polledAt: new Date(started).toISOString(),
      groups: groupMap,
      topics: new Map(topics.map(t => [t.topic, t])),
    };
    if (failures.length === 0) {
      this.setSource({ state: 'ok' }, started);
    } else {
      const first = failures[0].message;
      this.setSource(
        {
          state: 'degraded',
          error:
            failures.length === 1
              ? first
              : `${failures.length} Kafka reads failed; the first: ${first}`,
        },
        started,
      );
    }
  }

  /** Topics to read end offsets for before the groups answer: last cycle's and the extras. */
  private knownTopics(groups: string[]): Set<string> {
    const topics = new Set<string>();
    for (const group of groups) {
      for (const topic of this.extraTopicsByGroup.get(group) ?? []) {
        topics.add(topic);
      }
      for (const state of this.partitionStates.get(group)?.values() ?? []) {
        if (state.last) {
          topics.add(state.last.topic);
        }
      }
    }
    return topics;
  }

  /**
   * Reads the log start offsets of the topics that need them (a partition some group never
   * committed on: its lag counts from the log start) when they are missing or older than
   * `startOffsetIntervalMs`; one call for all of them. On failure the last values stay.
   */
  private async refreshStartOffsets(
    groups: string[],
    committed: Settled<TopicCommittedOffsets[]>[],
    topicResults: Map<string, EndOffsets>,
    request: <T>(send: () => Promise<T>) => Promise<Settled<T>>,
  ) {
    const needed = new Set<string>();
    groups.forEach((group, index) => {
      const result = committed[index];
      if (!result.ok) {
        return;
      }
      const commits = new Map(result.value.map(t => [t.topic, t.partitions]));
      for (const topic of this.topicsOf(group, result.value)) {
        const end = topicResults.get(topic);
        if (!end?.ok || needed.has(topic)) {
          continue;
        }
        const done = new Set(
          (commits.get(topic) ?? [])
            .filter(p => p.offset !== undefined)
            .map(p => p.partition),
        );
        if (end.value.offsets.some(p => !done.has(p.partition))) {
          needed.add(topic);
        }
      }
    });
    const now = this.now();
    const due = [...needed].filter(topic => {
      const known = this.startOffsets.get(topic);
      const end = topicResults.get(topic);
      return (
        !known ||
        now - known.readAt >= this.startOffsetIntervalMs ||
        // A partition added since the last read.
        (end?.ok === true &&
          end.value.offsets.some(p => !known.byPartition.has(p.partition)))
      );
    });
    for (const topic of [...this.startOffsets.keys()]) {
      if (!needed.has(topic)) {
        this.startOffsets.delete(topic);
      }
    }
    if (due.length === 0) {
      return;
    }
    const result = await request(() =>
      this.admin.fetchTopicOffsets(due, 'start'),
    );
    if (!result.ok) {
      return;
    }
    const readAt = this.now();
    for (const row of result.value) {
      if (!row.error) {
        this.startOffsets.set(row.topic, {
          readAt,
          byPartition: new Map(
            row.partitions.map(p => [p.partition, p.offset]),
          ),
        });
      }
    }
  }

  /** The topics a group is judged on: those it committed on and its configured extras. */
  private topicsOf(group: string, committed: TopicCommittedOffsets[]) {
    return [
      ...new Set([
        ...committed.map(t => t.topic),
        ...(this.extraTopicsByGroup.get(group) ?? []),
      ]),
    ].sort();
  }

  private recordEndOffsets(
    topic: string,
    offsets: PartitionOffset[],
    at: number,
  ) {
    let rings = this.rings.get(topic);
    if (!rings) {
      rings = new Map();
      this.rings.set(topic, rings);
    }
    for (const { partition, offset: high } of offsets) {
      let ring = rings.get(partition);
      if (!ring) {
        ring = new OffsetSampleRing(this.sampleRingCapacity);
        rings.set(partition, ring);
      }
      ring.add({ endOffset: high, time: at });
    }
  }

  private dropUnusedRings(
    used: Set<string>,
    topicResults: Map<string, Settled<unknown>>,
  ) {
    for (const topic of [...this.rings.keys()]) {
      // A topic that failed this cycle may be read again next cycle: keep its history.
      if (!used.has(topic) && topicResults.get(topic)?.ok !== false) {
        this.rings.delete(topic);
      }
    }
  }

  private isUnknownGroup(group: string, committed: TopicCommittedOffsets[]) {
    const description = this.groupStates.get(group);
    const hasCommits = committed.some(t =>
      t.partitions.some(p => p.offset !== undefined),
    );
    return (
      !hasCommits &&
      description !== undefined &&
      description.members === 0 &&
      (['Dead', 'Empty'] as ConsumerGroupState[]).includes(description.state)
    );
  }

  private judgeGroup(
    group: string,
    committed: Settled<TopicCommittedOffsets[]>,
    topicResults: Map<string, EndOffsets>,
    now: number,
  ): { group: string; partitions: PartitionLag[]; problem?: string } {
    let states = this.partitionStates.get(group);
    if (!states) {
      states = new Map();
      this.partitionStates.set(group, states);
    }
    if (!committed.ok) {
      return {
        group,
        partitions: this.unreadable(states, now),
        problem: committed.error.message,
      };
    }
    if (this.isUnknownGroup(group, committed.value)) {
      states.clear();
      return {
        group,
        partitions: [],
        problem: `consumer group "${group}" has no committed offsets and no members on Kafka cluster "${this.cluster.name}": check its name in the kafka.apache.org/consumer-groups annotation (cluster/group) or in pipelineHealth.pipelines[].consumerGroups`,
      };
    }

    const description = this.groupStates.get(group);
    // Until the first group-state read succeeds, assume members: STALLED, not STOPPED.
    const hasMembers = description ? description.members > 0 : true;
    const byTopic = new Map(
      committed.value.map(t => [
        t.topic,
        new Map(t.partitions.map(p => [p.partition, p.offset])),
      ]),
    );
    const topics = this.topicsOf(group, committed.value);
    const partitions: PartitionLag[] = [];
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const topic of topics) {
      const end = topicResults.get(topic);
      if (!end?.ok) {
        problems.push(
          end?.error.message ??
            `end offsets of topic "${topic}" were not read this cycle`,
        );
        for (const [key, state] of states) {
          if (state.last?.topic === topic) {
            seen.add(key);
            partitions.push(this.observeUnreadable(state, now));
          }
        }
        continue;
      }
      const commits = byTopic.get(topic);
      const starts = this.startOffsets.get(topic)?.byPartition;
      const uncommittedWithoutStart = end.value.offsets.some(
        p =>
          commits?.get(p.partition) === undefined && !starts?.has(p.partition),
      );
      if (uncommittedWithoutStart) {
        // Lag from the log start needs the log start; without it the numbers would be guesses.
        problems.push(
          `the log start offsets of topic "${topic}" (for partitions this group never committed on) were not read yet`,
        );
        for (const [key, state] of states) {
          if (state.last?.topic === topic) {
            seen.add(key);
            partitions.push(this.observeUnreadable(state, now));
          }
        }
        continue;
      }
      for (const { partition, offset: high } of end.value.offsets) {
        const key = partitionKey(topic, partition);
        seen.add(key);
        let state = states.get(key);
        if (!state) {
          state = { observations: [] };
          states.set(key, state);
        }
        const committedOffset = commits?.get(partition);
        // Never committed here: every message still in the log is unconsumed (what a group
        // starting from the earliest offset would read); an empty partition is then at 0.
        // The log start is read less often than the end; it never counts past the end.
        const position =
          committedOffset ?? Math.min(starts!.get(partition)!, high);
        this.observe(state, {
          time: now,
          endOffset: high,
          committedOffset: position,
        });
        const ring = this.rings.get(topic)?.get(partition);
        const estimate = ring
          ? estimateLagSeconds(ring, position, now)
          : { method: 'insufficient-samples' as const, lagSeconds: undefined };
        const verdict = evaluatePartitionStatus({
          observations: state.observations,
          hasMembers,
          now,
          lastCommitMovedAt: state.lastCommitMovedAt,
          stoppedAfterMs: this.stoppedAfterMs,
        });
        state.last = {
          topic,
          partition,
          endOffset: high,
          committedOffset,
          offsetLag: Math.max(0, high - position),
          lagSeconds: estimate.lagSeconds,
          lagSecondsMethod: estimate.method,
          status: verdict.status,
        };
        partitions.push(state.last);
      }
    }
    // Partitions that disappeared (topic deleted, no longer committed on) are forgotten.
    for (const key of [...states.keys()]) {
      if (!seen.has(key)) {
        states.delete(key);
      }
    }
    return {
      group,
      partitions,
      problem: problems.length > 0 ? problems.join('; ') : undefined,
    };
  }

  private observe(state: PartitionState, observation: PartitionObservation) {
    state.observations.push(observation);
    if (state.observations.length > this.statusWindow) {
      state.observations.shift();
    }
    const position = observation.committedOffset;
    if (position !== undefined) {
      if (
        state.lastCommitted !== undefined &&
        position !== state.lastCommitted
      ) {
        state.lastCommitMovedAt = observation.time;
      }
      state.lastCommitted = position;
    }
  }

  /** The last row of a partition this cycle could not read, as ERROR; the gap is recorded. */
  private observeUnreadable(state: PartitionState, now: number): PartitionLag {
    this.observe(state, { time: now });
    state.last = { ...state.last!, status: 'ERROR' };
    return state.last;
  }

  private unreadable(
    states: Map<string, PartitionState>,
    now: number,
  ): PartitionLag[] {
    return [...states.values()]
      .filter(state => state.last)
      .map(state => this.observeUnreadable(state, now));
  }

  private setSource(
    next: { state: SourceState['state']; error?: string },
    started: number,
  ) {
    const previous = this.current.source;
    const source: SourceState = {
      state: next.state,
      // Only a poll in which every request succeeded counts as a success.
      lastSuccessAt:
        next.state === 'ok'
          ? new Date(started).toISOString()
          : previous.lastSuccessAt,
      error: next.error,
    };
    this.current = { ...this.current, source };
    if (this.loggedSourceState !== source.state) {
      this.loggedSourceState = source.state;
      const fields = {
        state: source.state,
        groups: this.trackedGroups.length,
        ...(source.error ? { error: source.error } : {}),
      };
      if (source.state === 'ok') {
        this.logger.info(
          `Kafka lag collection from cluster "${this.cluster.name}" is ok`,
          fields,
        );
      } else {
        this.logger.warn(
          `Kafka lag collection from cluster "${this.cluster.name}" is ${source.state}`,
          fields,
        );
      }
    }
  }

  private logProblem(group: string, problem: string | undefined) {
    const logged = this.loggedProblems.get(group);
    if (problem === logged) {
      return;
    }
    if (problem) {
      this.loggedProblems.set(group, problem);
      this.logger.warn(`Consumer group "${group}" has a problem`, {
        group,
        problem,
      });
    } else {
      this.loggedProblems.delete(group);
      this.logger.info(`Consumer group "${group}" is readable again`, {
        group,
      });
    }
  }
}

import { mockServices } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  KafkaLagCollector,
  KafkaLagCollectorOptions,
} from './KafkaLagCollector';
import { FakeKafkaAdmin } from './testing/FakeKafkaAdmin';

const CLUSTER = {
  name: 'local',
  brokers: ['127.0.0.1:9092'],
  clientId: 'test',
};
const POLL_MS = 5_000;

function setup(options: Partial<KafkaLagCollectorOptions> = {}) {
  const admin = new FakeKafkaAdmin();
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  const clock = { time: 1_700_000_000_000 };
  const collector = new KafkaLagCollector({
    cluster: CLUSTER,
    admin,
    logger,
    groupStateIntervalMs: 30_000,
    now: () => clock.time,
    ...options,
  });
  /** One poll, then the clock moves on by one poll interval. */
  const pollAndAdvance = async () => {
    await collector.poll();
    clock.time += POLL_MS;
  };
  return { admin, logger, clock, collector, pollAndAdvance };
}

const unreachable = () =>
  new ServiceUnavailableError(
    'Kafka cluster "local" (127.0.0.1:9092) did not answer within 5000 ms (reading committed offsets of group "x")',
  );

describe('KafkaLagCollector', () => {
  it('reads the end offsets of all topics in one call per cycle, each topic once, however many groups read it', async () => {
    const { admin, collector, pollAndAdvance } = setup();
    admin.setTopic('events', [100, 200, 300, 400]).setTopic('clicks', [5, 5]);
    const groups = Array.from({ length: 50 }, (_, i) => `group-${i}`);
    for (const group of groups) {
      admin.commit(group, 'events', [10, 20, 30, 40]);
      admin.commit(group, 'clicks', [5, 5]);
    }
    collector.setTrackedGroups(groups);

    await pollAndAdvance();
    await pollAndAdvance();

    expect(admin.asked('end', 'events')).toBe(2);
    expect(admin.asked('end', 'clicks')).toBe(2);
    // The first cycle learns the topics from the commits; the second asks for both at once.
    expect(admin.count('endOffsets')).toBe(2);
    expect(admin.count('committed:group-7')).toBe(2);
    // Every partition was committed on: the log start is never needed.
    expect(admin.count('startOffsets')).toBe(0);
    expect(collector.snapshot().groups.size).toBe(50);
  });

  it('reports offset lag per partition, clamped at 0, summed per group and per topic', async () => {
    const { admin, collector } = setup();
    admin.setTopic('events', [100, 200, 300]);
    // Partition 2's commit was read after a newer end offset: lag 0, not -10.
    admin.commit('ingester', 'events', [40, 200, 310]);
    admin.commit('analytics', 'events', [0, 100, 300]);
    collector.setTrackedGroups(['ingester', 'analytics']);

    await collector.poll();

    const { groups, topics, source, polledAt } = collector.snapshot();
    expect(source.state).toBe('ok');
    expect(polledAt).toBe(new Date(1_700_000_000_000).toISOString());
    expect(
      groups.get('ingester')!.partitions.map(p => [p.partition, p.offsetLag]),
    ).toEqual([
      [0, 60],
      [1, 0],
      [2, 0],
    ]);
    expect(groups.get('ingester')!.health).toMatchObject({
      cluster: 'local',
      group: 'ingester',
      offsetLag: 60,
      partitionCount: 3,
      state: 'Stable',
      members: 1,
    });
    expect(groups.get('analytics')!.health.offsetLag).toBe(200);
    expect(topics.get('events')).toMatchObject({
      offsetLag: 260,
      groups: ['analytics', 'ingester'],
      partitionCount: 6,
    });
  });

  it('counts a partition the group never committed on from the log start', async () => {
    const { admin, collector } = setup();
    admin.setTopic('events', [100, 50], [20, 50]);
    admin.commit('ingester', 'other', [0]).setTopic('other', [0]);
    collector.setTrackedGroups(['ingester'], { ingester: ['events'] });

    await collector.poll();

    const partitions = collector
      .snapshot()
      .groups.get('ingester')!
      .partitions.filter(p => p.topic === 'events');
    expect(
      partitions.map(p => [p.committedOffset, p.offsetLag, p.status]),
    ).toEqual([
      [undefined, 80, 'OK'],
      [undefined, 0, 'OK'],
    ]);
  });

  it('reads log start offsets only for never-committed partitions, and again only after startOffsetIntervalMs', async () => {
    const { admin, collector, pollAndAdvance } = setup({
      startOffsetIntervalMs: 3 * POLL_MS,
    });
    admin.setTopic('events', [100], [20]).setTopic('clicks', [10]);
    admin.commit('ingester', 'clicks', [10]);
    collector.setTrackedGroups(['ingester'], { ingester: ['events'] });

    for (let poll = 0; poll < 4; poll++) {
      await pollAndAdvance();
    }

    // Polls 1 and 4 (three intervals later); never for "clicks", whose partitions are committed.
    expect(admin.asked('start', 'events')).toBe(2);
    expect(admin.asked('start', 'clicks')).toBe(0);
    expect(admin.asked('end', 'events')).toBe(4);
    expect(collector.snapshot().groups.get('ingester')!.health.offsetLag).toBe(
      80,
    );
  });

  it('estimates lag in seconds from the end offsets sampled on each poll', async () => {
    const { admin, collector, clock, pollAndAdvance } = setup();
    const start = clock.time;
    collector.setTrackedGroups(['ingester']);
    // The producer writes 100 messages per poll interval; the group stays at offset 250.
    for (let poll = 0; poll <= 6; poll++) {
      admin.setTopic('events', [poll * 100]);
      admin.commit('ingester', 'events', [Math.min(poll * 100, 250)]);
      await pollAndAdvance();
    }

    const [partition] = collector.snapshot().groups.get('ingester')!.partitions;
    // Offset 250 was the end of the log halfway between the samples at 10 s and 15 s.
    const lastPoll = start + 6 * POLL_MS;
    expect(partition.lagSecondsMethod).toBe('interpolated');
    expect(partition.lagSeconds).toBeCloseTo(
      (lastPoll - (start + 12_500)) / 1000,
      6,
    );
    expect(partition.offsetLag).toBe(350);
  });

  it('keeps at most 32 requests in flight', async () => {
    const { admin, collector } = setup();
    admin.setTopic('events', [10]);
    const groups = Array.from({ length: 100 }, (_, i) => `group-${i}`);
    groups.forEach(group => admin.commit(group, 'events', [5]));
    collector.setTrackedGroups(groups);

    await collector.poll();

    expect(admin.count('committed:group-99')).toBe(1);
    expect(admin.maxInFlight).toBe(32);
  });

  it('reads group states and members only when they are older than groupStateIntervalMs', async () => {
    const { admin, collector, clock } = setup({ groupStateIntervalMs: 30_000 });
    admin.setTopic('events', [10]).commit('ingester', 'events', [10]);
    collector.setTrackedGroups(['ingester']);

    await collector.poll();
    clock.time += 29_000;
    await collector.poll();
    expect(admin.count('describeGroups')).toBe(1);

    admin.setGroup('ingester', 'Empty', 0);
    clock.time += 1_000;
    await collector.poll();
    expect(admin.count('describeGroups')).toBe(2);
    expect(collector.snapshot().groups.get('ingester')!.health).toMatchObject({
      state: 'Empty',
      members: 0,
    });
  });

  it('gives a second caller the poll already running instead of starting another', async () => {
    const { admin, collector } = setup();
    admin.setTopic('events', [10]).commit('ingester', 'events', [10]);
    collector.setTrackedGroups(['ingester']);
    const release = admin.hold('*');

    const first = collector.poll();
    const second = collector.poll();
    expect(second).toBe(first);
    release();
    await Promise.all([first, second]);

    expect(admin.count('committed:ingester')).toBe(1);
    expect(admin.count('describeGroups')).toBe(1);
    await collector.poll();
    expect(admin.count('committed:ingester')).toBe(2);
  });

  it('marks a group whose request failed as ERROR with the reason, and the source degraded', async () => {
    const { admin, collector } = setup();
    admin.setTopic('events', [100]);
    admin
      .commit('ingester', 'events', [40])
      .commit('analytics', 'events', [90]);
    collector.setTrackedGroups(['ingester', 'analytics']);
    await collector.poll();

    admin.commit('ingester', 'events', [50]);
    admin.fail(
      'committed:analytics',
      new Error(
        'Kafka cluster "local": cannot read committed offsets of group "analytics"; caused by GROUP_AUTHORIZATION_FAILED',
      ),
    );
    await collector.poll();

    const { groups, source } = collector.snapshot();
    expect(source.state).toBe('degraded');
    expect(source.error).toContain('GROUP_AUTHORIZATION_FAILED');
    const analytics = groups.get('analytics')!;
    expect(analytics.health.status).toBe('ERROR');
    expect(analytics.health.problem).toContain(
      'cannot read committed offsets of group "analytics"',
    );
    // The last numbers stay visible, marked as unreadable.
    expect(analytics.partitions).toEqual([
      expect.objectContaining({ offsetLag: 10, status: 'ERROR' }),
    ]);
    expect(groups.get('ingester')!.health).toMatchObject({
      status: 'OK',
      offsetLag: 50,
    });
    expect(groups.get('ingester')!.health.problem).toBeUndefined();
  });

  it('marks the cluster unavailable, keeps the last numbers and never throws when nothing answers', async () => {
    const { admin, collector, clock } = setup();
    admin.setTopic('events', [100]);
    const groups = Array.from({ length: 40 }, (_, i) => `group-${i}`);
    groups.forEach(group => admin.commit(group, 'events', [40]));
    collector.setTrackedGroups(groups);
    await collector.poll();
    const before = collector.snapshot();
    const callsBefore = admin.calls.length;

    clock.time += POLL_MS;
    admin.fail('*', unreachable());
    await expect(collector.poll()).resolves.toBeUndefined();

    const after = collector.snapshot();
    expect(after.source).toEqual({
      state: 'unavailable',
      lastSuccessAt: before.polledAt,
      error: expect.stringContaining('did not answer within 5000 ms'),
    });
    expect(after.polledAt).toBe(before.polledAt);
    expect(after.groups).toBe(before.groups);
    expect(after.groups.get('group-3')!.health.offsetLag).toBe(60);
    // Once the cluster is known to be unreachable, the queued requests are not sent.
    expect(admin.calls.length - callsBefore).toBeLessThanOrEqual(32);

    admin.fail('*', undefined);
    clock.time += POLL_MS;
    await collector.poll();
    expect(collector.snapshot().source.state).toBe('ok');
    expect(collector.snapshot().polledAt).not.toBe(before.polledAt);
  });

  it('names a tracked group that does not exist on the cluster and where to fix it', async () => {
    const { admin, collector } = setup();
    admin.setTopic('events', [100]).commit('ingester', 'events', [100]);
    collector.setTrackedGroups(['ingester', 'ingestr']);

    await collector.poll();

    const { groups, source } = collector.snapshot();
    expect(source.state).toBe('ok');
    expect(groups.get('ingestr')!.health).toMatchObject({
      status: 'ERROR',
      state: 'Dead',
      members: 0,
      partitionCount: 0,
      problem:
        'consumer group "ingestr" has no committed offsets and no members on Kafka cluster "local": check its name in the kafka.apache.org/consumer-groups annotation (cluster/group) or in pipelineHealth.pipelines[].consumerGroups',
    });
    expect(groups.get('ingester')!.health.problem).toBeUndefined();
  });

  it('reports STALLED when members stop committing, STOPPED after stoppedAfterMs, OK once commits resume', async () => {
    const { admin, collector, pollAndAdvance } = setup({
      statusWindow: 3,
      stoppedAfterMs: 30_000,
      groupStateIntervalMs: 0,
    });
    collector.setTrackedGroups(['ingester']);
    let end = 0;
    let committed = 0;
    const step = async (consume: boolean) => {
      end += 100;
      if (consume) committed = end - 10;
      admin.setTopic('events', [end]).commit('ingester', 'events', [committed]);
      await pollAndAdvance();
      return collector.snapshot().groups.get('ingester')!.health.status;
    };

    for (let i = 0; i < 3; i++) {
      expect(await step(true)).toBe('OK');
    }
    const stopped: string[] = [];
    for (let i = 0; i < 8; i++) {
      stopped.push(await step(false));
    }
    // Commits last moved at the 3rd poll (t = 10 s). The 4th poll's window still holds that
    // move while the lag grows (WARNING); from the 5th the window shows no movement
    // (STALLED); 30 s after the last move (the 9th poll) the partition counts as STOPPED.
    expect(stopped).toEqual([
      'WARNING',
      'STALLED',
      'STALLED',
      'STALLED',
      'STALLED',
      'STOPPED',
      'STOPPED',
      'STOPPED',
    ]);
    expect(await step(true)).toBe('OK');
  });

  it('reports STOPPED at once when the group has no members and commits do not move', async () => {
    const { admin, collector, pollAndAdvance } = setup({
      statusWindow: 3,
      groupStateIntervalMs: 0,
    });
    collector.setTrackedGroups(['ingester']);
    admin.setGroup('ingester', 'Empty', 0);
    for (let poll = 1; poll <= 3; poll++) {
      admin.setTopic('events', [poll * 100]).commit('ingester', 'events', [50]);
      await pollAndAdvance();
    }
    expect(collector.snapshot().groups.get('ingester')!.health.status).toBe(
      'STOPPED',
    );
  });

  it('reports how many requests the last poll sent', async () => {
    const { admin, collector, clock } = setup();
    admin.setTopic('events', [10]).setTopic('clicks', [10]);
    for (const group of ['a', 'b', 'c']) {
      admin.commit(group, 'events', [1]).commit(group, 'clicks', [1]);
    }
    collector.setTrackedGroups(['a', 'b', 'c']);

    await collector.poll();
    // 3 committed-offset requests, 1 for the end offsets of both topics, 1 group-state request.
    expect(collector.snapshot().requestsLastPoll).toBe(5);

    clock.time += POLL_MS;
    await collector.poll();
    // Group states are not due yet.
    expect(collector.snapshot().requestsLastPoll).toBe(4);
  });

  it('marks the groups reading a topic whose end offsets failed, and keeps the rest', async () => {
    const { admin, collector } = setup();
    admin.setTopic('events', [100]).setTopic('clicks', [10]);
    admin.commit('ingester', 'events', [40]).commit('clicker', 'clicks', [10]);
    collector.setTrackedGroups(['ingester', 'clicker']);
    await collector.poll();

    admin.failTopic(
      'events',
      new Error('end offsets of "events": NOT_LEADER_FOR_PARTITION'),
    );
    await collector.poll();

    const { groups, source } = collector.snapshot();
    expect(source.state).toBe('degraded');
    expect(groups.get('ingester')!.health).toMatchObject({
      status: 'ERROR',
      problem: expect.stringContaining('NOT_LEADER_FOR_PARTITION'),
    });
    expect(groups.get('ingester')!.partitions).toEqual([
      expect.objectContaining({ offsetLag: 60, status: 'ERROR' }),
    ]);
    expect(groups.get('clicker')!.health.status).toBe('OK');
  });

  it('logs when the source state changes, not on every poll', async () => {
    const { admin, collector, logger } = setup();
    admin.setTopic('events', [10]).commit('ingester', 'events', [10]);
    collector.setTrackedGroups(['ingester']);

    await collector.poll();
    await collector.poll();
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      'Kafka lag collection from cluster "local" is ok',
      expect.objectContaining({ state: 'ok', groups: 1 }),
    );

    admin.fail('*', unreachable());
    await collector.poll();
    await collector.poll();
    await collector.poll();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'Kafka lag collection from cluster "local" is unavailable',
      expect.objectContaining({
        state: 'unavailable',
        error: expect.stringContaining('did not answer'),
      }),
    );
  });

  it('forgets groups that are no longer tracked', async () => {
    const { admin, collector } = setup();
    admin
      .setTopic('events', [10])
      .commit('a', 'events', [1])
      .commit('b', 'events', [2]);
    collector.setTrackedGroups(['a', 'b']);
    await collector.poll();

    collector.setTrackedGroups(['b']);
    await collector.poll();

    expect([...collector.snapshot().groups.keys()]).toEqual(['b']);
    expect(admin.count('committed:a')).toBe(1);
  });

  it('closes the admin client after the running poll', async () => {
    const { admin, collector } = setup();
    admin.setTopic('events', [10]).commit('a', 'events', [1]);
    collector.setTrackedGroups(['a']);
    const release = admin.hold('*');
    const poll = collector.poll();
    const closed = collector.close();
    expect(admin.closed).toBe(false);
    release();
    await Promise.all([poll, closed]);
    expect(admin.closed).toBe(true);
  });
});

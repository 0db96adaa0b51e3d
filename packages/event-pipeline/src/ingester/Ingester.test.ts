import { eventually } from '@plinth/testing';
import { encodeEvent } from '../events/EventSchema';
import { PartitionBatch } from '../kafka/EventLog';
import { silentLogger } from '../logging/Logger';
import {
  deferred,
  FakeConsumer,
  FakePublisher,
  FakeStore,
} from '../testing/fakes';
import { Backoff } from './Backoff';
import { BatchPolicy } from './BatchPolicy';
import { DEAD_LETTER_HEADERS, Ingester } from './Ingester';

let seq = 0;
const validValue = (occurredAtMs = Date.now() - 50) =>
  Buffer.from(
    encodeEvent({
      id: `event-${++seq}`,
      type: 'page.view',
      source: 'test',
      tenant: 'tenant-001',
      occurredAtMs,
      payload: '{}',
    }),
  );

function batch(
  partition: number,
  values: Array<Buffer | null>,
  firstOffset = 0,
): PartitionBatch {
  return {
    topic: 'events-raw',
    partition,
    highWatermark: String(firstOffset + values.length + 5),
    records: values.map((value, i) => ({
      key: Buffer.from('tenant-001'),
      value,
      offset: String(firstOffset + i),
    })),
  };
}

function setup(options: { maxWaitMs?: number; drainTimeoutMs?: number } = {}) {
  const consumer = new FakeConsumer();
  const store = new FakeStore();
  const publisher = new FakePublisher();
  const ingester = new Ingester(
    { consumer, store, deadLetters: publisher },
    {
      ingesterId: 'test-ingester',
      deadLetterTopic: 'events-dlq',
      policy: new BatchPolicy({
        maxRows: 1000,
        maxWaitMs: options.maxWaitMs ?? 0,
      }),
      backoff: new Backoff({ initialMs: 1, maxMs: 2, jitter: 0 }),
      drainTimeoutMs: options.drainTimeoutMs ?? 5000,
      logger: silentLogger,
      sleep: ms => new Promise(r => setTimeout(r, Math.min(ms, 2))),
    },
  );
  return { consumer, store, publisher, ingester };
}

/** Resolves once the ingester has called insertEvents `n` times (the insert is in flight). */
const insertAttempts = (store: FakeStore, n: number) =>
  eventually(`${n} insert attempt(s)`, () => store.eventAttempts, {
    until: attempts => attempts >= n,
    intervalMs: 1,
    timeoutMs: 4_000, // reports before the test's own 5 s timeout
  });

/** A few event-loop turns: long enough for a flush started by mistake to show. */
const settleBriefly = () => new Promise(r => setTimeout(r, 10));

describe('Ingester', () => {
  it('resolves and commits offsets only after ClickHouse acknowledged the insert', async () => {
    const { consumer, store, ingester } = setup();
    await ingester.start();
    const ack = deferred();
    store.plan = [ack.promise];

    const handled = consumer.deliver(
      batch(0, [validValue(), validValue()], 40),
    );
    await insertAttempts(store, 1);
    expect(store.eventAttempts).toBe(1);
    expect(consumer.resolved.size).toBe(0);
    expect(consumer.commits).toBe(0);

    ack.resolve();
    await handled;
    expect(consumer.resolved.get(0)).toBe('41');
    expect(consumer.committed.get(0)).toBe('41');
    expect(
      store.allEvents().map(r => [r.kafka_partition, r.kafka_offset]),
    ).toEqual([
      [0, 40],
      [0, 41],
    ]);
  });

  it('joins the partition batches of one fetch into one insert', async () => {
    const { consumer, store, ingester } = setup();
    await ingester.start();
    await Promise.all([
      consumer.deliver(batch(0, [validValue()])),
      consumer.deliver(batch(1, [validValue(), validValue()])),
      consumer.deliver(batch(2, [validValue()])),
    ]);
    expect(store.events).toHaveLength(1);
    expect(store.events[0]).toHaveLength(4);
    expect([...consumer.resolved.entries()].sort()).toEqual([
      [0, '0'],
      [1, '1'],
      [2, '0'],
    ]);
  });

  it('heartbeats between the inserts of a long flush that succeeds', async () => {
    const { consumer, store, ingester } = setup();
    await ingester.start();
    await consumer.deliver(batch(0, [validValue(), validValue()]));
    expect(store.events).toHaveLength(1);
    expect(consumer.heartbeats).toBeGreaterThanOrEqual(1);
  });

  it('retries a failed insert with backoff while heartbeating, then commits', async () => {
    const { consumer, store, ingester } = setup();
    await ingester.start();
    store.plan = [
      new Error('Connection refused'),
      new Error('Connection refused'),
    ];
    await consumer.deliver(batch(3, [validValue()], 7));
    expect(store.eventAttempts).toBe(3);
    expect(consumer.heartbeats).toBeGreaterThanOrEqual(2);
    expect(consumer.committed.get(3)).toBe('7');
    expect(ingester.stats().retries).toBe(2);
  });

  it('dead-letters invalid messages with their partition and offset, and inserts the rest', async () => {
    const { consumer, store, publisher, ingester } = setup();
    await ingester.start();
    await consumer.deliver(
      batch(
        2,
        [validValue(), Buffer.from('not json'), null, validValue()],
        100,
      ),
    );

    expect(store.allEvents().map(r => r.kafka_offset)).toEqual([100, 103]);
    expect(publisher.sent).toHaveLength(1);
    expect(publisher.sent[0].topic).toBe('events-dlq');
    expect(publisher.sent[0].records.map(r => r.headers)).toEqual([
      expect.objectContaining({
        [DEAD_LETTER_HEADERS.reason]: 'not-json',
        [DEAD_LETTER_HEADERS.sourceTopic]: 'events-raw',
        [DEAD_LETTER_HEADERS.sourcePartition]: '2',
        [DEAD_LETTER_HEADERS.sourceOffset]: '101',
      }),
      expect.objectContaining({
        [DEAD_LETTER_HEADERS.reason]: 'empty-message',
        [DEAD_LETTER_HEADERS.sourceOffset]: '102',
      }),
    ]);
    expect(publisher.sent[0].records[0].value).toEqual(Buffer.from('not json'));
    expect(
      store.deadLetters.map(d => [d.reason, d.kafka_partition, d.kafka_offset]),
    ).toEqual([
      ['not-json', 2, 101],
      ['empty-message', 2, 102],
    ]);
    expect(consumer.committed.get(2)).toBe('103');
    expect(ingester.stats().deadLettered).toBe(2);
  });

  it('keeps retrying the dead-letter topic before committing anything', async () => {
    const { consumer, publisher, ingester } = setup();
    await ingester.start();
    publisher.failures = 2;
    await consumer.deliver(batch(0, [Buffer.from('{')]));
    expect(publisher.sent).toHaveLength(1);
    expect(consumer.committed.get(0)).toBe('0');
  });

  it('does not resolve a batch whose partition was revoked during the insert', async () => {
    const { consumer, store, ingester } = setup();
    await ingester.start();
    const ack = deferred();
    store.plan = [ack.promise];
    const handled = consumer.deliver(batch(5, [validValue()]));
    await insertAttempts(store, 1);
    consumer.stale.add(5);
    ack.resolve();
    await handled;
    expect(consumer.resolved.has(5)).toBe(false);
  });

  it('abandons the flush uncommitted when a rebalance interrupts the retries', async () => {
    const { consumer, store, ingester } = setup();
    await ingester.start();
    store.plan = Array.from({ length: 100 }, () => new Error('down'));
    consumer.heartbeatError = new Error('The group is rebalancing');
    await consumer.deliver(batch(0, [validValue()]));
    expect(consumer.resolved.size).toBe(0);
    expect(ingester.stats().batchesAborted).toBe(1);
  });

  it('flushes the pending batch at once when stopped, and commits it', async () => {
    const { consumer, store, publisher, ingester } = setup({
      maxWaitMs: 60_000,
    });
    await ingester.start();
    await consumer.deliver(batch(0, [validValue()])); // first flush: starts the interval
    // The batch is queued synchronously; this only gives a wrong early flush time to show.
    const waiting = consumer.deliver(batch(0, [validValue()], 1));
    await settleBriefly();
    expect(store.events).toHaveLength(1);

    await ingester.stop();
    await waiting;
    expect(store.events).toHaveLength(2);
    expect(consumer.committed.get(0)).toBe('1');
    expect(consumer.stopped).toBe(true);
    expect(store.closed).toBe(true);
    expect(publisher.disconnected).toBe(true);
  });

  it('gives up a failing insert without committing once the drain timeout passes', async () => {
    const { consumer, store, ingester } = setup({ drainTimeoutMs: 30 });
    await ingester.start();
    store.plan = Array.from(
      { length: 10_000 },
      () => new Error('ClickHouse down'),
    );
    const handled = consumer.deliver(batch(0, [validValue()]));
    await insertAttempts(store, 1); // stop while it retries, not before it started
    await ingester.stop();
    await handled;
    expect(consumer.resolved.size).toBe(0);
    expect(store.events).toHaveLength(0);
  });

  it('records per-partition batch statistics with a latency histogram', async () => {
    const { consumer, store, ingester } = setup();
    await ingester.start();
    const occurred = Date.now() - 1000;
    await Promise.all([
      consumer.deliver(
        batch(0, [validValue(occurred), validValue(occurred)], 10),
      ),
      consumer.deliver(batch(1, [validValue(occurred)], 20)),
    ]);
    await ingester.stop();
    expect(store.batches).toHaveLength(2);
    const [p0, p1] = [...store.batches].sort(
      (a, b) => a.kafka_partition - b.kafka_partition,
    );
    expect(p0).toMatchObject({
      ingester_id: 'test-ingester',
      topic: 'events-raw',
      kafka_partition: 0,
      first_offset: 10,
      last_offset: 11,
      rows: 2,
    });
    expect(p1).toMatchObject({
      kafka_partition: 1,
      first_offset: 20,
      last_offset: 20,
      rows: 1,
    });
    expect(p0.min_latency_ms).toBeGreaterThanOrEqual(1000);
    expect(p0.sum_latency_ms).toBeGreaterThanOrEqual(2000);
    expect(p0.latency_counts.reduce((a, b) => a + b, 0)).toBe(2);
    expect(p0.latency_counts).toHaveLength(p0.latency_bounds_ms.length + 1);
    expect(p0.batch_id).not.toBe(p1.batch_id);
  });
});

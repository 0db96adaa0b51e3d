import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ingester } from './ingester';
import { createLogger } from './logger';
import type { BatchControl, EventRow, LogRecord } from './ports';

function record(offset: string, value: unknown): LogRecord {
  return {
    key: null,
    value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    offset,
  };
}

function harness(options: { failInserts?: number } = {}) {
  const inserted: EventRow[][] = [];
  const deadLettered: Array<Record<string, string>> = [];
  const committed: string[] = [];
  let failures = options.failInserts ?? 0;
  let resolved: string | undefined;
  const control: BatchControl = {
    resolveOffset: offset => {
      resolved = offset;
    },
    commit: async () => {
      if (resolved) committed.push(resolved);
    },
    heartbeat: async () => {},
    isRunning: () => true,
  };
  const ingester = new Ingester({
    consumer: { start: async () => {}, stop: async () => {} },
    store: {
      insert: async rows => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('ClickHouse unavailable');
        }
        inserted.push(rows);
      },
      close: async () => {},
    },
    deadLetters: {
      send: async records => {
        deadLettered.push(...records.map(r => r.headers));
      },
      disconnect: async () => {},
    },
    logger: createLogger({ service: 'test', write: () => {} }),
    maxBatchRows: 2,
    sleep: async () => {},
  });
  return { ingester, control, inserted, deadLettered, committed };
}

const event = (id: string) => ({
  id,
  type: 'checkout.completed',
  occurredAt: '2026-11-30T12:00:00Z',
  payload: { amount: 1 },
});

test('inserts valid events in chunks, dead-letters invalid ones, then commits the last offset', async () => {
  const h = harness();
  await h.ingester.handle(
    {
      topic: 'events-raw',
      partition: 0,
      records: [record('10', event('a')), record('11', 'not json'), record('12', event('b')), record('13', event('c'))],
    },
    h.control,
  );
  assert.deepEqual(h.inserted.map(chunk => chunk.map(r => r.event_id)), [['a', 'b'], ['c']]);
  assert.equal(h.deadLettered.length, 1);
  assert.equal(h.deadLettered[0]['dlq.reason'], 'not-json');
  assert.equal(h.deadLettered[0]['source.offset'], '11');
  assert.deepEqual(h.committed, ['13']);
});

test('commits nothing until a failing insert succeeds', async () => {
  const h = harness({ failInserts: 2 });
  await h.ingester.handle(
    { topic: 'events-raw', partition: 1, records: [record('5', event('a'))] },
    h.control,
  );
  assert.equal(h.inserted.length, 1);
  assert.deepEqual(h.committed, ['5']);
});

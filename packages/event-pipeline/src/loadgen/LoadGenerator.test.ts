import { decodeEvent } from '../events/EventSchema';
import { silentLogger } from '../logging/Logger';
import { FakePublisher } from '../testing/fakes';
import { EventFactory } from './EventFactory';
import { LoadGenerator } from './LoadGenerator';

/** A clock that only moves when the generator sleeps. */
function fakeTime() {
  let now = Date.UTC(2026, 10, 23);
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

describe('LoadGenerator', () => {
  it('produces at the target rate for the duration and reports the achieved rate', async () => {
    const time = fakeTime();
    const publisher = new FakePublisher();
    const generator = new LoadGenerator(publisher, {
      topic: 'events-raw',
      rate: 2000,
      durationMs: 3000,
      chunkSize: 500,
      logger: silentLogger,
      ...time,
      factory: new EventFactory({
        source: 'test',
        tenants: 4,
        payloadBytes: 100,
        now: time.now,
      }),
    });
    const report = await generator.run();
    const records = publisher.sent.flatMap(s => s.records);
    expect(records.length).toBe(report.produced);
    // Within one 10 ms send interval of the exact figure.
    expect(report.produced).toBeGreaterThanOrEqual(5980);
    expect(report.produced).toBeLessThanOrEqual(6000);
    expect(report.achievedRate).toBeGreaterThanOrEqual(1990);
    expect(
      Math.max(...publisher.sent.map(s => s.records.length)),
    ).toBeLessThanOrEqual(500);
  });

  it('stops after a count, in chunks, with valid events keyed by tenant', async () => {
    const time = fakeTime();
    const publisher = new FakePublisher();
    const report = await new LoadGenerator(publisher, {
      topic: 't',
      rate: 'max',
      count: 2500,
      chunkSize: 1000,
      logger: silentLogger,
      ...time,
      factory: new EventFactory({
        source: 'test',
        tenants: 4,
        payloadBytes: 200,
        now: time.now,
      }),
    }).run();
    expect(report.produced).toBe(2500);
    expect(publisher.sent.map(s => s.records.length)).toEqual([
      1000, 1000, 500,
    ]);
    const record = publisher.sent[0].records[0];
    const decoded = decodeEvent(Buffer.from(record.value as string));
    expect(decoded.ok && decoded.event.tenant).toBe(record.key);
    // --payload-bytes is approximate: the payload's JSON grows with the sequence number.
    expect(
      decoded.ok && Math.abs(decoded.event.payload.length - 200),
    ).toBeLessThan(20);
  });

  it('mixes in invalid records when asked to, and counts them', async () => {
    const time = fakeTime();
    const publisher = new FakePublisher();
    const report = await new LoadGenerator(publisher, {
      topic: 't',
      rate: 'max',
      count: 100,
      chunkSize: 100,
      logger: silentLogger,
      ...time,
      factory: new EventFactory({
        source: 'test',
        tenants: 1,
        payloadBytes: 64,
        invalidEvery: 10,
        now: time.now,
      }),
    }).run();
    const invalid = publisher.sent[0].records.filter(
      r => !decodeEvent(Buffer.from(r.value as string)).ok,
    );
    expect(report.invalid).toBe(10);
    expect(invalid).toHaveLength(10);
  });
});

import { randomUUID } from 'node:crypto';
import { encodeEvent, PipelineEvent } from '../events/EventSchema';
import { OutgoingRecord } from '../kafka/EventLog';

export interface EventFactoryOptions {
  /** Written into every event's `source` (lets a test or benchmark find its own events). */
  source: string;
  /** Distinct tenants, used round-robin; the tenant is also the record key. */
  tenants: number;
  /** Approximate size of the payload JSON in bytes. */
  payloadBytes: number;
  /** Every n-th record is a deliberately invalid message (0 = never). */
  invalidEvery?: number;
  now?: () => number;
  newId?: () => string;
}

const TYPES = [
  'page.view',
  'api.call',
  'build.finished',
  'deploy.finished',
  'alert.fired',
];

/** Invalid messages of the kinds the ingester must dead-letter. */
const INVALID_SAMPLES: Array<(seq: number, tenant: string) => string> = [
  seq => `not json #${seq}`,
  (seq, tenant) =>
    JSON.stringify({
      id: `bad-${seq}`,
      type: 'page.view',
      tenant,
      payload: {},
    }),
  (seq, tenant) =>
    JSON.stringify({
      id: `bad-${seq}`,
      type: 'page.view',
      source: 'loadgen',
      tenant,
      occurredAtMs: 1700000000, // seconds, not milliseconds
      payload: {},
    }),
];

/** Synthetic events for the load generator, encoded as Kafka records. */
export class EventFactory {
  private seq = 0;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly tenantNames: string[];
  private readonly padding: string;

  constructor(private readonly options: EventFactoryOptions) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomUUID;
    this.tenantNames = Array.from(
      { length: Math.max(1, options.tenants) },
      (_, i) => `tenant-${String(i + 1).padStart(3, '0')}`,
    );
    // {"seq":…,"path":"/p/…","durationMs":…,"pad":""} is ~60 bytes before padding.
    this.padding = 'x'.repeat(Math.max(0, options.payloadBytes - 60));
  }

  /** The next `n` records; all stamped with the same occurred-at (now). */
  records(n: number): { records: OutgoingRecord[]; invalid: number } {
    const occurredAtMs = this.now();
    const records: OutgoingRecord[] = new Array(n);
    let invalid = 0;
    for (let i = 0; i < n; i++) {
      this.seq += 1;
      const tenant = this.tenantNames[this.seq % this.tenantNames.length];
      const every = this.options.invalidEvery ?? 0;
      if (every > 0 && this.seq % every === 0) {
        const sample =
          INVALID_SAMPLES[(this.seq / every) % INVALID_SAMPLES.length];
        records[i] = { key: tenant, value: sample(this.seq, tenant) };
        invalid += 1;
        continue;
      }
      records[i] = {
        key: tenant,
        value: encodeEvent(this.event(tenant, occurredAtMs)),
      };
    }
    return { records, invalid };
  }

  private event(tenant: string, occurredAtMs: number): PipelineEvent {
    const seq = this.seq;
    return {
      id: this.newId(),
      type: TYPES[seq % TYPES.length],
      source: this.options.source,
      tenant,
      occurredAtMs,
      payload: JSON.stringify({
        seq,
        path: `/p/${seq % 97}`,
        durationMs: seq % 250,
        pad: this.padding,
      }),
    };
  }
}

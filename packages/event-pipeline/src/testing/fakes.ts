import {
  DeadLetterRow,
  EventRow,
  EventStore,
  IngestBatchRow,
} from '../clickhouse/EventStore';
import {
  BatchControl,
  BatchHandler,
  EventConsumer,
  EventPublisher,
  OutgoingRecord,
  PartitionBatch,
} from '../kafka/EventLog';

/** A consumer whose batches a test delivers by hand, recording what the handler did. */
export class FakeConsumer implements EventConsumer {
  handler?: BatchHandler;
  running = true;
  stale = new Set<number>();
  resolved = new Map<number, string>();
  committed = new Map<number, string>();
  commits = 0;
  heartbeats = 0;
  heartbeatError?: Error;
  stopped = false;
  private inFlight = new Set<Promise<void>>();

  async start(handler: BatchHandler) {
    this.handler = handler;
  }

  /** Hands a batch to the handler; resolves when the handler returns. */
  deliver(batch: PartitionBatch): Promise<void> {
    const control: BatchControl = {
      resolveOffset: offset => {
        this.resolved.set(batch.partition, offset);
      },
      commitOffsetsIfNecessary: async () => {
        this.commits += 1;
        for (const [p, o] of this.resolved) this.committed.set(p, o);
      },
      heartbeat: async () => {
        this.heartbeats += 1;
        if (this.heartbeatError) throw this.heartbeatError;
      },
      isRunning: () => this.running,
      isStale: () => this.stale.has(batch.partition),
    };
    const done = this.handler!(batch, control);
    this.inFlight.add(done);
    return done.finally(() => this.inFlight.delete(done));
  }

  async stop() {
    this.running = false;
    this.stopped = true;
    await Promise.all([...this.inFlight]);
  }

  onFatalError() {}
}

type Step = 'ok' | Error | Promise<void>;

/** A store that records rows; `plan` scripts the outcome of successive insertEvents calls. */
export class FakeStore implements EventStore {
  events: EventRow[][] = [];
  batches: IngestBatchRow[] = [];
  deadLetters: DeadLetterRow[] = [];
  eventAttempts = 0;
  plan: Step[] = [];
  closed = false;

  async insertEvents(rows: EventRow[]) {
    this.eventAttempts += 1;
    const step = this.plan.shift() ?? 'ok';
    if (step instanceof Error) throw step;
    if (step !== 'ok') await step;
    this.events.push(rows.map(r => ({ ...r })));
  }
  async insertBatches(rows: IngestBatchRow[]) {
    this.batches.push(...rows);
  }
  async insertDeadLetters(rows: DeadLetterRow[]) {
    this.deadLetters.push(...rows);
  }
  async close() {
    this.closed = true;
  }
  allEvents(): EventRow[] {
    return this.events.flat();
  }
}

export class FakePublisher implements EventPublisher {
  sent: Array<{ topic: string; records: OutgoingRecord[] }> = [];
  failures = 0;
  disconnected = false;
  async send(topic: string, records: OutgoingRecord[]) {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('broker unavailable');
    }
    this.sent.push({ topic, records });
  }
  async disconnect() {
    this.disconnected = true;
  }
}

export function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

import { z } from 'zod';

/**
 * The pipeline's event, as producers put it on the events topic (one JSON object per Kafka
 * message, keyed by tenant so a tenant's events stay in order on one partition):
 *
 *   {"id":"…","type":"page.view","source":"web","tenant":"acme","occurredAtMs":1732350000000,
 *    "payload":"{\"path\":\"/\"}"}
 *
 * `payload` is a JSON object, sent either as an object or as a string holding the object's
 * JSON text. The load generator sends the string form: ClickHouse's own Kafka engine (18.16)
 * cannot read a nested object into a String column, and the benchmark compares it with the
 * ingester on the same topic layout. Either way the payload is stored as JSON text.
 */
export interface PipelineEvent {
  id: string;
  type: string;
  source: string;
  tenant: string;
  /** When the event happened, epoch milliseconds (UTC), set by the producer. */
  occurredAtMs: number;
  /** JSON text of an object. */
  payload: string;
}

/** 2000-01-01 .. 2100-01-01: catches seconds-for-milliseconds and garbage timestamps. */
export const MIN_OCCURRED_AT_MS = Date.UTC(2000, 0, 1);
export const MAX_OCCURRED_AT_MS = Date.UTC(2100, 0, 1);
export const MAX_PAYLOAD_BYTES = 64 * 1024;
/** Kafka's default max.message.bytes is 1 MiB; our events are far smaller. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

const token = (what: string, max: number) =>
  z
    .string({ error: `${what} must be a string` })
    .min(1, { error: `${what} must not be empty` })
    .max(max, { error: `${what} must be at most ${max} characters` })
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/, {
      error: `${what} may only contain letters, digits and . _ : / @ -`,
    });

const payloadObject = z.record(z.string(), z.unknown(), {
  error: 'payload must be a JSON object',
});

export const eventSchema = z.object({
  id: token('id', 128),
  type: token('type', 128),
  source: token('source', 256),
  tenant: token('tenant', 128),
  occurredAtMs: z
    .number({ error: 'occurredAtMs must be a number (epoch milliseconds)' })
    .int({ error: 'occurredAtMs must be an integer (epoch milliseconds)' })
    .min(MIN_OCCURRED_AT_MS, {
      error:
        'occurredAtMs is before 2000-01-01 (seconds instead of milliseconds?)',
    })
    .max(MAX_OCCURRED_AT_MS, { error: 'occurredAtMs is after 2100-01-01' }),
  payload: z.union([z.string(), payloadObject], {
    error: 'payload must be a JSON object or a string holding one',
  }),
});

export type DeadLetterReason =
  | 'empty-message'
  | 'too-large'
  | 'not-json'
  | 'invalid-event';

export type DecodeResult =
  | { ok: true; event: PipelineEvent }
  | {
      ok: false;
      reason: DeadLetterReason;
      error: string;
      /** The message's id when it had a usable one, else ''. */
      eventId: string;
    };

function fail(
  reason: DeadLetterReason,
  error: string,
  eventId = '',
): DecodeResult {
  return { ok: false, reason, error, eventId };
}

function idOf(json: unknown): string {
  const id = (json as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length <= 128 ? id : '';
}

function normalizePayload(
  payload: string | Record<string, unknown>,
): { ok: true; text: string } | { ok: false; error: string } {
  if (typeof payload !== 'string') {
    const text = JSON.stringify(payload);
    return Buffer.byteLength(text) > MAX_PAYLOAD_BYTES
      ? {
          ok: false,
          error: `payload is larger than ${MAX_PAYLOAD_BYTES} bytes`,
        }
      : { ok: true, text };
  }
  if (payload.length > MAX_PAYLOAD_BYTES) {
    return {
      ok: false,
      error: `payload is larger than ${MAX_PAYLOAD_BYTES} bytes`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return { ok: false, error: 'payload string is not valid JSON' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, error: 'payload string must hold a JSON object' };
  }
  return { ok: true, text: payload };
}

/**
 * Decodes and validates one message value. Never throws: a bad message is a dead letter
 * with a reason, and the rest of the stream keeps flowing.
 */
export function decodeEvent(
  value: Buffer | string | null | undefined,
): DecodeResult {
  if (value === null || value === undefined || value.length === 0) {
    return fail('empty-message', 'message has no value');
  }
  if (value.length > MAX_MESSAGE_BYTES) {
    return fail(
      'too-large',
      `message is larger than ${MAX_MESSAGE_BYTES} bytes`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(
      typeof value === 'string' ? value : value.toString('utf8'),
    );
  } catch (e) {
    return fail('not-json', `not valid JSON: ${(e as Error).message}`);
  }
  const parsed = eventSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map(issue =>
        issue.path.length > 0 &&
        !issue.message.startsWith(String(issue.path[0]))
          ? `${issue.path.join('.')}: ${issue.message}`
          : issue.message,
      );
    return fail('invalid-event', issues.join('; '), idOf(json));
  }
  const payload = normalizePayload(parsed.data.payload);
  if (!payload.ok) {
    return fail('invalid-event', payload.error, parsed.data.id);
  }
  return { ok: true, event: { ...parsed.data, payload: payload.text } };
}

/** The wire form of an event (what the load generator produces). */
export function encodeEvent(event: PipelineEvent): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    source: event.source,
    tenant: event.tenant,
    occurredAtMs: event.occurredAtMs,
    payload: event.payload,
  });
}

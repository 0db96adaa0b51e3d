import { decodeEvent, encodeEvent, PipelineEvent } from './EventSchema';

const event: PipelineEvent = {
  id: '7f0c8c1e-4a51-4d8e-9d55-2f1d3c0b9a10',
  type: 'page.view',
  source: 'web',
  tenant: 'tenant-001',
  occurredAtMs: Date.UTC(2026, 10, 23),
  payload: '{"path":"/"}',
};

const encode = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('decodeEvent', () => {
  it('accepts what encodeEvent produces', () => {
    expect(decodeEvent(Buffer.from(encodeEvent(event)))).toEqual({
      ok: true,
      event,
    });
  });

  it('accepts the payload as an object and stores it as JSON text', () => {
    const result = decodeEvent(
      encode({ ...event, payload: { path: '/', n: 1 } }),
    );
    expect(result).toEqual({
      ok: true,
      event: { ...event, payload: '{"path":"/","n":1}' },
    });
  });

  it('ignores unknown top-level fields', () => {
    expect(decodeEvent(encode({ ...event, extra: true }))).toEqual({
      ok: true,
      event,
    });
  });

  it('rejects an empty message', () => {
    expect(decodeEvent(null)).toMatchObject({
      ok: false,
      reason: 'empty-message',
    });
    expect(decodeEvent(Buffer.alloc(0))).toMatchObject({
      ok: false,
      reason: 'empty-message',
    });
  });

  it('rejects text that is not JSON', () => {
    expect(decodeEvent(Buffer.from('not json'))).toMatchObject({
      ok: false,
      reason: 'not-json',
    });
  });

  it('names a missing field', () => {
    const { source, ...rest } = event;
    const result = decodeEvent(encode(rest));
    expect(result).toMatchObject({
      ok: false,
      reason: 'invalid-event',
      eventId: event.id,
    });
    expect(!result.ok && result.error).toMatch(/source/);
  });

  it('rejects occurred-at in seconds instead of milliseconds', () => {
    const result = decodeEvent(encode({ ...event, occurredAtMs: 1732350000 }));
    expect(!result.ok && result.error).toMatch(
      /seconds instead of milliseconds/,
    );
  });

  it('rejects a fractional timestamp', () => {
    const result = decodeEvent(
      encode({ ...event, occurredAtMs: 1732350000000.5 }),
    );
    expect(!result.ok && result.error).toMatch(/integer/);
  });

  it('rejects a payload string that does not hold a JSON object', () => {
    expect(decodeEvent(encode({ ...event, payload: '[1,2]' }))).toMatchObject({
      ok: false,
      reason: 'invalid-event',
      error: 'payload string must hold a JSON object',
    });
    expect(decodeEvent(encode({ ...event, payload: '{oops' }))).toMatchObject({
      ok: false,
      error: 'payload string is not valid JSON',
    });
  });

  it('rejects identifiers with characters outside the allowed set', () => {
    const result = decodeEvent(
      encode({ ...event, tenant: "acme'; DROP TABLE x" }),
    );
    expect(result).toMatchObject({ ok: false, reason: 'invalid-event' });
  });

  it('rejects a JSON value that is not an object', () => {
    expect(decodeEvent(Buffer.from('42'))).toMatchObject({
      ok: false,
      reason: 'invalid-event',
    });
  });

  it('rejects oversized messages before parsing them', () => {
    const big = Buffer.alloc(300 * 1024, 'a');
    expect(decodeEvent(big)).toMatchObject({ ok: false, reason: 'too-large' });
  });
});

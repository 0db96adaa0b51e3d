import { brokerList, durationMs, httpUrl } from './options';

describe('durationMs', () => {
  it('reads a number with a unit', () => {
    expect(durationMs('500ms')).toBe(500);
    expect(durationMs('60s')).toBe(60_000);
    expect(durationMs('1.5s')).toBe(1500);
    expect(durationMs('5m')).toBe(300_000);
    expect(durationMs('1h')).toBe(3_600_000);
    expect(durationMs('0s')).toBe(0);
  });

  it('refuses a bare number (seconds or milliseconds?) and junk', () => {
    expect(durationMs('60')).toBeUndefined();
    expect(durationMs('-1s')).toBeUndefined();
    expect(durationMs('soon')).toBeUndefined();
  });
});

describe('brokerList', () => {
  it('splits and trims host:port entries', () => {
    expect(brokerList.parse(' 127.0.0.1:9092, kafka-2.internal:9094 ')).toEqual(
      ['127.0.0.1:9092', 'kafka-2.internal:9094'],
    );
  });

  it('rejects entries without a valid port', () => {
    expect(brokerList.safeParse('localhost').success).toBe(false);
    expect(brokerList.safeParse('localhost:99999').success).toBe(false);
    expect(brokerList.safeParse('').success).toBe(false);
  });
});

describe('httpUrl', () => {
  it('accepts http(s) URLs and refuses embedded credentials', () => {
    expect(httpUrl.safeParse('http://127.0.0.1:8123').success).toBe(true);
    expect(httpUrl.safeParse('https://ch.example:8443').success).toBe(true);
    expect(httpUrl.safeParse('http://user:pw@127.0.0.1:8123').success).toBe(
      false,
    );
    expect(httpUrl.safeParse('tcp://127.0.0.1:9000').success).toBe(false);
  });
});

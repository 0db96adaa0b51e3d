import { formatDay, parseIsoDay } from './dates';

describe('parseIsoDay', () => {
  it.each(['2027-03-31', '2027-03-31T00:00:00Z', '2027-03-31T10:15:00+02:00'])(
    'reads the day of %s',
    value => {
      expect(formatDay(parseIsoDay(value)!)).toBe('2027-03-31');
    },
  );

  it.each(['2027-02-30', '31.03.2027', 'next spring', '2027-3-1', ''])(
    'refuses %p',
    value => {
      expect(parseIsoDay(value)).toBeUndefined();
    },
  );
});

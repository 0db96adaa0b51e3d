import { describeRefreshInterval } from './snapshot';

describe('describeRefreshInterval', () => {
  it.each([
    [30, 'every 30 seconds'],
    [1, 'every second'],
    [60, 'every minute'],
    [90, 'every 90 seconds'],
    [300, 'every 5 minutes'],
  ])('says %i s as "%s"', (seconds, text) => {
    expect(describeRefreshInterval(seconds)).toBe(text);
  });
});

import { LAG_STATUSES, worseLagStatus } from './types';

describe('worseLagStatus', () => {
  it('ranks OK < WARNING < STALLED < STOPPED < ERROR', () => {
    expect(LAG_STATUSES.reduce(worseLagStatus, 'OK')).toBe('ERROR');
    expect(worseLagStatus('STOPPED', 'WARNING')).toBe('STOPPED');
    expect(worseLagStatus('OK', 'STALLED')).toBe('STALLED');
    expect(worseLagStatus('OK', 'OK')).toBe('OK');
  });
});

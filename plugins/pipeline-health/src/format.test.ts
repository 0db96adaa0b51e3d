import {
  formatAge,
  formatBytes,
  formatCount,
  formatDurationMs,
  formatRate,
  formatRatio,
  formatSloValue,
} from './format';

describe('format', () => {
  it('writes durations in the unit a reader compares against', () => {
    expect(formatDurationMs(85)).toBe('85 ms');
    expect(formatDurationMs(1_234)).toBe('1.2 s');
    expect(formatDurationMs(270_000)).toBe('4.5 min');
    expect(formatDurationMs(8_280_000)).toBe('2.3 h');
  });

  it('writes dead-letter ratios as percentages with two decimals', () => {
    expect(formatRatio(0.0123)).toBe('1.23 %');
    expect(formatSloValue(0.01, 'ratio')).toBe('1 %');
    expect(formatSloValue(100, 'ms')).toBe('100 ms');
  });

  it('keeps a decimal on small rates so they do not read as zero', () => {
    expect(formatRate(0.4)).toBe('0.4');
    expect(formatRate(1_234.5)).toBe('1,235');
    expect(formatCount(12_345)).toBe('12,345');
  });

  it('writes sizes in decimal units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1_500_000_000)).toBe('1.5 GB');
  });

  it('says how long ago, and never a negative age', () => {
    expect(formatAge(0, 500)).toBe('just now');
    expect(formatAge(10_000, 5_000)).toBe('just now');
    expect(formatAge(0, 42_000)).toBe('42 s ago');
    expect(formatAge(0, 300_000)).toBe('5 min ago');
    expect(formatAge(0, 7_200_000)).toBe('2 h ago');
  });
});

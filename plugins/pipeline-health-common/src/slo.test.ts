import { SLO_DEFINITIONS, evaluateSlo } from './slo';

const window = {
  from: '2026-11-30T10:00:00.000Z',
  to: '2026-11-30T10:05:00.000Z',
};

describe('SLO_DEFINITIONS', () => {
  it('holds the PRD objectives', () => {
    expect(SLO_DEFINITIONS.ingestionP99).toMatchObject({
      unit: 'ms',
      defaultObjective: 100,
    });
    expect(SLO_DEFINITIONS.queryP99.defaultObjective).toBe(1000);
    expect(SLO_DEFINITIONS.freshness.defaultObjective).toBe(60_000);
    expect(SLO_DEFINITIONS.consumerLag.defaultObjective).toBe(300_000);
    expect(SLO_DEFINITIONS.deadLetterRatio).toMatchObject({
      unit: 'ratio',
      defaultObjective: 0.01,
    });
  });
});

describe('evaluateSlo', () => {
  it('is ok below 80 % of the objective and says which window it judged', () => {
    expect(evaluateSlo({ kind: 'ingestionP99', value: 79, window })).toEqual({
      objective: 'ingestionP99',
      value: 79,
      unit: 'ms',
      target: 100,
      status: 'ok',
      window,
    });
  });

  it('warns from 80 % of the objective up to it', () => {
    expect(
      evaluateSlo({ kind: 'ingestionP99', value: 80, window }).status,
    ).toBe('warning');
    expect(
      evaluateSlo({ kind: 'ingestionP99', value: 99.9, window }).status,
    ).toBe('warning');
  });

  it('is a breach at the objective itself, since the objective is a strict upper bound', () => {
    expect(
      evaluateSlo({ kind: 'ingestionP99', value: 100, window }).status,
    ).toBe('breach');
    expect(
      evaluateSlo({ kind: 'deadLetterRatio', value: 0.02, window }).status,
    ).toBe('breach');
  });

  it('reports missing data as its own outcome, not as ok', () => {
    for (const value of [undefined, NaN, Infinity]) {
      const result = evaluateSlo({ kind: 'freshness', value, window });
      expect(result.status).toBe('no-data');
      expect(result.value).toBeUndefined();
    }
  });

  it('uses an overridden objective and warning fraction', () => {
    expect(
      evaluateSlo({
        kind: 'queryP99',
        value: 400,
        target: 500,
        warningFraction: 0.5,
        window,
      }),
    ).toMatchObject({ target: 500, status: 'warning' });
  });

  it('rejects an objective or warning fraction that cannot be judged against', () => {
    expect(() =>
      evaluateSlo({ kind: 'queryP99', value: 1, target: 0, window }),
    ).toThrow('SLO queryP99: the objective must be above 0, got 0');
    expect(() =>
      evaluateSlo({ kind: 'queryP99', value: 1, warningFraction: 1.5, window }),
    ).toThrow('the warning fraction must be in (0, 1], got 1.5');
  });
});

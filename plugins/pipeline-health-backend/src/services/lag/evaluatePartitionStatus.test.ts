import {
  PartitionObservation,
  evaluatePartitionStatus,
} from './evaluatePartitionStatus';

const POLL_MS = 5_000;

/** Observations every 5 s from the given [end, committed] pairs. */
function window(pairs: Array<[number | undefined, number | undefined]>) {
  return pairs.map(
    ([endOffset, committedOffset], i): PartitionObservation => ({
      time: i * POLL_MS,
      endOffset,
      committedOffset,
    }),
  );
}

const evaluate = (
  observations: PartitionObservation[],
  extra: { hasMembers?: boolean; lastCommitMovedAt?: number } = {},
) =>
  evaluatePartitionStatus({
    observations,
    hasMembers: extra.hasMembers ?? true,
    now: observations.length * POLL_MS,
    lastCommitMovedAt: extra.lastCommitMovedAt,
  });

describe('evaluatePartitionStatus', () => {
  it('reports OK when the group has caught up with the end of the log', () => {
    expect(
      evaluate(
        window([
          [100, 90],
          [150, 120],
          [200, 200],
        ]),
      ),
    ).toEqual({ status: 'OK', rule: 'caught-up' });
  });

  it('reports OK when the group commits and its lag is not growing', () => {
    expect(
      evaluate(
        window([
          [100, 50],
          [160, 120],
          [220, 170],
          [280, 230],
        ]),
      ),
    ).toEqual({ status: 'OK', rule: 'keeping-up' });
  });

  it('reports OK when the group caught up at some point in the window (bursty producer)', () => {
    expect(
      evaluate(
        window([
          [100, 100],
          [300, 150],
          [500, 300],
          [700, 400],
        ]),
      ),
    ).toEqual({ status: 'OK', rule: 'caught-up-in-window' });
  });

  it('reports WARNING when the lag grows across the whole window while commits move', () => {
    expect(
      evaluate(
        window([
          [100, 50],
          [200, 100],
          [300, 150],
          [400, 200],
        ]),
      ),
    ).toEqual({ status: 'WARNING', rule: 'lag-growing' });
  });

  it('reports OK, not WARNING, when the lag shrank once within the window', () => {
    expect(
      evaluate(
        window([
          [100, 50],
          [200, 100],
          [250, 220],
          [400, 260],
        ]),
      ).status,
    ).toBe('OK');
  });

  it('reports STALLED when members hold the partition but commits do not move', () => {
    expect(
      evaluate(
        window([
          [100, 50],
          [200, 50],
          [300, 50],
          [400, 50],
        ]),
      ),
    ).toEqual({ status: 'STALLED', rule: 'commits-stuck' });
  });

  it('reports STALLED for a stuck group even when the producer is idle', () => {
    expect(
      evaluate(
        window([
          [100, 50],
          [100, 50],
          [100, 50],
        ]),
      ).status,
    ).toBe('STALLED');
  });

  it('reports STOPPED when commits do not move and the group has no members', () => {
    expect(
      evaluate(
        window([
          [100, 50],
          [200, 50],
          [300, 50],
        ]),
        {
          hasMembers: false,
        },
      ),
    ).toEqual({ status: 'STOPPED', rule: 'no-members' });
  });

  it('reports STOPPED when the last commit is older than the threshold, members or not', () => {
    const observations = window([
      [100, 50],
      [200, 50],
      [300, 50],
    ]);
    expect(
      evaluatePartitionStatus({
        observations,
        hasMembers: true,
        now: 15_000,
        lastCommitMovedAt: 15_000 - 5 * 60_000,
      }),
    ).toEqual({ status: 'STOPPED', rule: 'commits-stale' });
    expect(
      evaluatePartitionStatus({
        observations,
        hasMembers: true,
        now: 15_000,
        stoppedAfterMs: 10_000,
      }),
    ).toEqual({ status: 'STOPPED', rule: 'commits-stale' });
  });

  it('reports ERROR when the newest offsets are unavailable', () => {
    expect(
      evaluate(
        window([
          [100, 50],
          [undefined, 60],
        ]),
      ),
    ).toEqual({
      status: 'ERROR',
      rule: 'offsets-unavailable',
    });
    expect(
      evaluate(
        window([
          [100, 50],
          [200, undefined],
        ]),
      ).status,
    ).toBe('ERROR');
    expect(evaluate([]).status).toBe('ERROR');
  });

  it('judges over the observations it has when earlier polls failed', () => {
    expect(
      evaluate(
        window([
          [undefined, undefined],
          [200, 50],
          [300, 50],
        ]),
      ).status,
    ).toBe('STALLED');
  });

  it('does not judge a lagging group from a single observation', () => {
    expect(evaluate(window([[100, 50]]))).toEqual({
      status: 'OK',
      rule: 'too-few-observations',
    });
  });

  it('clamps a negative lag (committed read after a newer end offset) to caught up', () => {
    expect(
      evaluate(
        window([
          [100, 50],
          [150, 160],
        ]),
      ).status,
    ).toBe('OK');
  });
});

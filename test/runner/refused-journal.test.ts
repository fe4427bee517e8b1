import { findDrill } from '../../experiments';
import { isJournal } from '../../lib/runner/journal';
import { REFUSED_NOT_JUDGED, refusedJournal } from '../../lib/runner/refused-journal';
import { expectEvery } from '../helpers/expect-every';

const drill = findDrill('task-stop-drain');

describe('the journal of a run refused before its fault', () => {
  test('is a finished aws journal, ABORTED with the reason first and every expectation not judged', () => {
    if (!drill) throw new Error('task-stop-drain is not in the catalogue');
    const j = refusedJournal({
      drill,
      runId: 'run-1',
      reason: 'refused by preflight (service steady: deployment in progress)',
      notes: ['preflight FAILED: service steady: deployment in progress'],
      startedAt: '2026-12-01T10:00:00.000Z',
      endedAt: '2026-12-01T10:00:04.500Z',
    });
    expect(isJournal(j)).toBe(true);
    expect([j.mode, j.startedAt, j.endedAt, j.figures]).toEqual(['aws', '2026-12-01T10:00:00.000Z', '2026-12-01T10:00:04.500Z', {}]);
    expect(j.timeline.map((e) => [e.kind, e.atMs])).toEqual([
      ['run-started', 0],
      ['note', 4500],
      ['aborted', 4500],
      ['run-ended', 4500],
    ]);
    expect(j.judgement?.verdict).toBe('ABORTED');
    expect(j.judgement?.reasons[0]).toBe('aborted: refused by preflight (service steady: deployment in progress)');
    expect(j.judgement?.expectations.map((e) => [e.held, e.notJudgedWhy])).toEqual(drill.expect.map(() => [null, REFUSED_NOT_JUDGED]));
    expect(j.injection).toEqual({ injected: false, targets: [], aborted: 'refused by preflight (service steady: deployment in progress)' });
  });

  test('never ends before it started, whatever the clocks say', () => {
    if (!drill) throw new Error('task-stop-drain is not in the catalogue');
    const j = refusedJournal({ drill, runId: 'r', reason: 'x', startedAt: '2026-12-01T10:00:05.000Z', endedAt: '2026-12-01T10:00:00.000Z' });
    expect(j.endedAt).toBe('2026-12-01T10:00:05.000Z');
    expectEvery(j.timeline, (e) => e.atMs >= 0, 'timeline events');
  });
});

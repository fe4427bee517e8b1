import type { Expectation } from '../../lib/drill';
import { compare, judge } from '../../lib/runner/judge';

const expect2: Expectation[] = [
  { figure: 'streams.broken', op: '<=', bound: 0 },
  { figure: 'recovery.seconds', op: '<=', bound: { aws: 180, local: 20 } },
];
const injected = { injected: true, targets: ['t1'] };

describe('judge', () => {
  it('holds when every judged expectation holds, with the mode’s bound', () => {
    const j = judge({ 'streams.total': 3, 'streams.broken': 0, 'recovery.seconds': 19 }, expect2, 'local', { injection: injected });
    expect(j.verdict).toBe('HELD');
    expect(j.expectations[1]).toMatchObject({ bound: 20, measured: 19, held: true });
  });

  it('fails with VIOLATED and names the broken expectation', () => {
    const j = judge({ 'streams.total': 3, 'streams.broken': 2, 'recovery.seconds': 1 }, expect2, 'local', { injection: injected });
    expect(j.verdict).toBe('VIOLATED');
    expect(j.reasons.join('\n')).toContain('streams.broken = 2');
  });

  it('marks an unmeasured figure not judged, never held, and names it', () => {
    const j = judge({ 'streams.total': 3, 'streams.broken': 0 }, expect2, 'aws', { injection: injected });
    expect(j.verdict).toBe('HELD');
    expect(j.expectations[1].held).toBeNull();
    expect(j.notJudged).toEqual(['recovery.seconds']);
    expect(j.reasons.join('\n')).toContain('not judged');
  });

  it('fails with ERROR when no expectation could be judged', () => {
    const j = judge({ 'streams.total': 3 }, expect2, 'aws', { injection: injected });
    expect(j.verdict).toBe('ERROR');
  });

  it('fails with ERROR when the probe asked for streams and measured none', () => {
    const j = judge({ 'streams.total': 0, 'streams.broken': 0, 'recovery.seconds': 1 }, expect2, 'local', { injection: injected, expectedStreams: 4 });
    expect(j.verdict).toBe('ERROR');
  });

  it('holds when the probe asked for requests and measured some (the ERROR case: judge-probe-measured-none.test.ts)', () => {
    const j = judge({ 'requests.total': 5, 'streams.broken': 0, 'recovery.seconds': 1 }, expect2, 'local', { injection: injected, expectedRequests: true });
    expect(j.verdict).toBe('HELD');
  });

  it('holds a lower bound met exactly (tasks.running.min >= 1 at 1) and fails with VIOLATED below it', () => {
    const atLeastOne: Expectation[] = [{ figure: 'tasks.running.min', op: '>=', bound: 1 }];
    expect(judge({ 'tasks.running.min': 1 }, atLeastOne, 'aws', { injection: injected }).verdict).toBe('HELD');
    expect(judge({ 'tasks.running.min': 2 }, atLeastOne, 'aws', { injection: injected }).verdict).toBe('HELD');
    const dry = judge({ 'tasks.running.min': 0 }, atLeastOne, 'aws', { injection: injected });
    expect(dry.verdict).toBe('VIOLATED');
    expect(dry.reasons).toContain('tasks.running.min = 0 breaks >= 1');
  });

  it('compares at, below and above the bound for every operator', () => {
    const table: [Parameters<typeof compare>[1], [boolean, boolean, boolean]][] = [
      ['<=', [true, true, false]],
      ['<', [true, false, false]],
      ['>=', [false, true, true]],
      ['>', [false, false, true]],
      ['==', [false, true, false]],
    ];
    for (const [op, expected] of table) expect({ op, got: [compare(1, op, 2), compare(2, op, 2), compare(3, op, 2)] }).toEqual({ op, got: expected });
  });

  it('fails with NOT_INJECTED when the fault hit nothing', () => {
    expect(judge({}, expect2, 'local', { injection: { injected: false, targets: [], reason: 'no task' } }).verdict).toBe('NOT_INJECTED');
  });

  it('fails with ABORTED when the injection was aborted', () => {
    expect(judge({ 'streams.broken': 0 }, expect2, 'local', { injection: { ...injected, aborted: 'stop condition' } }).verdict).toBe('ABORTED');
  });

  it('fails with ERROR on an injection error or a runner error', () => {
    expect(judge({}, expect2, 'local', { injection: { ...injected, error: 'FIS failed' } }).verdict).toBe('ERROR');
    expect(judge({}, expect2, 'local', { injection: injected, error: 'boom' }).reasons[0]).toContain('boom');
  });
});

describe('judge: censored figures', () => {
  it('fails with VIOLATED when the run never reached a figure the mode measures, showing it censored', () => {
    const j = judge({ 'streams.total': 3, 'streams.broken': 0 }, expect2, 'local', {
      injection: injected,
      censored: { 'recovery.seconds': { above: 30.2, reason: 'not recovered within 30 s (healthy 1/2)' } },
    });
    expect(j.verdict).toBe('VIOLATED');
    expect(j.notJudged).toEqual([]);
    expect(j.expectations[1]).toMatchObject({ held: false, censored: '> 30.2 — not recovered within 30 s (healthy 1/2)' });
    expect(j.reasons).toContain('recovery.seconds > 30.2 breaks <= 20: not recovered within 30 s (healthy 1/2)');
  });

  it('fails with VIOLATED on a censored figure even when its bound is above the censoring point', () => {
    const j = judge({ 'streams.total': 3, 'streams.broken': 0 }, expect2, 'local', { injection: injected, censored: { 'recovery.seconds': { above: 12, reason: 'not recovered within 12 s' } } });
    expect(j.verdict).toBe('VIOLATED');
  });

  it('holds a lower-bound expectation on a censored figure that is already past it', () => {
    const j = judge({ 'streams.total': 3 }, [{ figure: 'streams.seconds.max', op: '>=', bound: 10 }], 'local', {
      injection: injected,
      censored: { 'streams.seconds.max': { above: 12, reason: 'still open' } },
    });
    expect(j.verdict).toBe('HELD');
  });

  it('names the cause of a broken expectation', () => {
    const j = judge({ 'streams.total': 3, 'streams.broken': 0, 'recovery.seconds': 1, 'tasks.sigkilled': 1 }, [{ figure: 'tasks.sigkilled', op: '<=', bound: 0 }], 'local', {
      injection: injected,
      causes: { 'tasks.sigkilled': 'SIGTERM dropped on t1: the main process has no SIGTERM handler' },
    });
    expect(j.reasons).toContain('tasks.sigkilled = 1 breaks <= 0: SIGTERM dropped on t1: the main process has no SIGTERM handler');
    expect(j.expectations[0].cause).toMatch(/SIGTERM dropped/);
  });
});

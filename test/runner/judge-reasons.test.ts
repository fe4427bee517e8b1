/**
 * The judge's reasons as a user reads them in the verdict, and censored figures (their value only
 * known to lie above a point): a censored value meets a lower bound it is already past and nothing
 * else; a figure never reached at all says "not reached"; each verdict's first reason says why.
 */
import type { Expectation } from '../../lib/drill';
import { judge } from '../../lib/runner/judge';

const injected = { injected: true, targets: ['t1'] };
const censoredAt = (above: number | undefined) => ({ 'streams.seconds.max': { ...(above !== undefined ? { above } : {}), reason: 'still open at the end' } });
const lower = (op: '>' | '>=', bound: number): Expectation[] => [{ figure: 'streams.seconds.max', op, bound }];

describe('judge: a censored figure against a lower bound', () => {
  it('holds "> 30" on a value censored above 30, since the value lies beyond 30', () => {
    const j = judge({}, lower('>', 30), 'local', { injection: injected, censored: censoredAt(30) });
    expect(j.expectations[0]).toMatchObject({ held: true, censored: '> 30 — still open at the end' });
    expect(j.verdict).toBe('HELD');
  });

  it('fails ">= 20" on a value censored above 10: it may lie anywhere above 10', () => {
    const j = judge({}, lower('>=', 20), 'local', { injection: injected, censored: censoredAt(10) });
    expect(j.expectations[0].held).toBe(false);
    expect(j.verdict).toBe('VIOLATED');
    expect(j.reasons).toEqual(['streams.seconds.max > 10 breaks >= 20: still open at the end']);
  });

  it('fails a lower bound on a figure never reached at all (no point it lies above), saying "not reached"', () => {
    const j = judge({}, lower('>=', 1), 'local', { injection: injected, censored: censoredAt(undefined) });
    expect(j.expectations[0]).toMatchObject({ held: false, censored: 'not reached — still open at the end' });
    expect(j.reasons).toEqual(['streams.seconds.max not reached breaks >= 1: still open at the end']);
  });
});

describe('judge: a measured figure wins over a censored one', () => {
  it('judges the measured value and shows no censoring when the run both measured and censored a figure', () => {
    const j = judge({ 'streams.seconds.max': 5 }, lower('>=', 20), 'local', { injection: injected, censored: censoredAt(30) });
    expect(j.expectations[0].held).toBe(false);
    expect(j.expectations[0].censored).toBeUndefined();
    expect(j.reasons).toEqual(['streams.seconds.max = 5 breaks >= 20']);
  });
});

describe('judge: the reasons as a user reads them', () => {
  it('names a broken measured figure, its value and bound, and nothing more when the run knows no cause', () => {
    const j = judge({ 'streams.total': 3, 'streams.broken': 2 }, [{ figure: 'streams.broken', op: '<=', bound: 0 }], 'local', { injection: injected });
    expect(j.reasons).toEqual(['streams.broken = 2 breaks <= 0']);
  });

  it('names both what was not reached and its cause, apart, on a censored figure that broke', () => {
    const j = judge({}, [{ figure: 'recovery.seconds', op: '<=', bound: 20 }], 'local', {
      injection: injected,
      censored: { 'recovery.seconds': { above: 30, reason: 'not recovered within 30 s' } },
      causes: { 'recovery.seconds': 'the replacement never passed its health check' },
    });
    expect(j.reasons).toEqual(['recovery.seconds > 30 breaks <= 20: not recovered within 30 s; the replacement never passed its health check']);
  });

  it('gives no "not judged" reason to a figure the run did measure', () => {
    const j = judge({ 'streams.total': 3, 'streams.broken': 0 }, [{ figure: 'streams.broken', op: '<=', bound: 0 }], 'local', {
      injection: injected,
      unmeasured: { 'streams.broken': 'the traffic profile has no streams' },
    });
    expect(j.expectations[0]).toMatchObject({ held: true });
    expect(j.expectations[0].notJudgedWhy).toBeUndefined();
    expect(j.reasons).toEqual(['every judged expectation held (1 of 1)']);
  });

  it('shows a cause only on an expectation that broke, not on one that held', () => {
    const j = judge({ 'streams.total': 3, 'streams.broken': 0 }, [{ figure: 'streams.broken', op: '<=', bound: 0 }], 'local', { injection: injected, causes: { 'streams.broken': 'task t1 stopped' } });
    expect(j.verdict).toBe('HELD');
    expect(j.expectations[0].cause).toBeUndefined();
  });

  it('fails as NOT_INJECTED saying only "fault not injected" when the engine gave no reason', () => {
    const j = judge({}, [{ figure: 'streams.broken', op: '<=', bound: 0 }], 'local', { injection: { injected: false, targets: [] } });
    expect(j.verdict).toBe('NOT_INJECTED');
    expect(j.reasons[0]).toBe('fault not injected');
  });

  it('fails as NOT_INJECTED when the run has no injection at all', () => {
    const j = judge({}, [{ figure: 'streams.broken', op: '<=', bound: 0 }], 'local', {});
    expect(j.verdict).toBe('NOT_INJECTED');
  });
});

describe('judge: the first reason names why the verdict is what it is', () => {
  const expectations: Expectation[] = [
    { figure: 'streams.broken', op: '<=', bound: 0 },
    { figure: 'recovery.seconds', op: '<=', bound: 20 },
    { figure: 'tasks.sigkilled', op: '<=', bound: 0 },
  ];
  const figures = { 'streams.total': 3, 'streams.broken': 0 };

  it('fails as ERROR with the run error first, then the figures not judged, grouped by why', () => {
    const j = judge(figures, expectations, 'local', { error: 'the probe could not start', injection: injected });
    expect(j.verdict).toBe('ERROR');
    expect(j.reasons).toEqual(['error: the probe could not start', 'not judged (not measured in local mode): recovery.seconds, tasks.sigkilled']);
    expect(j.notJudged).toEqual(['recovery.seconds', 'tasks.sigkilled']);
  });

  it("fails as ERROR with the engine's error", () => {
    const j = judge(figures, expectations, 'aws', { injection: { injected: false, targets: [], error: 'StartExperiment failed' } });
    expect(j.verdict).toBe('ERROR');
    expect(j.reasons[0]).toBe('error: StartExperiment failed');
  });

  it('fails as ABORTED saying what aborted it', () => {
    const j = judge(figures, expectations, 'aws', { injection: { injected: true, targets: ['t1'], aborted: 'stopped by the operator (SIGINT)' } });
    expect(j.verdict).toBe('ABORTED');
    expect(j.reasons[0]).toBe('aborted: stopped by the operator (SIGINT)');
  });

  it('fails as NOT_INJECTED with the reason the engine gave', () => {
    const j = judge(figures, expectations, 'aws', { injection: { injected: false, targets: [], reason: 'FIS resolved zero targets' } });
    expect(j.reasons[0]).toBe('fault not injected: FIS resolved zero targets');
  });

  it('holds saying how many of the expectations were judged, and lists the rest as not judged', () => {
    const j = judge(figures, expectations, 'local', { injection: injected });
    expect(j.verdict).toBe('HELD');
    expect(j.reasons).toEqual(['every judged expectation held (1 of 3)', 'not judged (not measured in local mode): recovery.seconds, tasks.sigkilled']);
  });

  it('fails as ERROR when no expectation could be judged, since nothing was shown', () => {
    const j = judge({ 'streams.total': 3 }, expectations.slice(1), 'local', { injection: injected });
    expect(j.verdict).toBe('ERROR');
    expect(j.reasons[0]).toBe('no expectation could be judged: nothing was shown');
  });
});

describe('judge: a probe that asked for streams', () => {
  const expectations: Expectation[] = [{ figure: 'recovery.seconds', op: '<=', bound: 20 }];

  it('fails as ERROR naming how many streams it asked for when it measured none', () => {
    const j = judge({ 'recovery.seconds': 3 }, expectations, 'local', { injection: injected, expectedStreams: 3 });
    expect(j.verdict).toBe('ERROR');
    expect(j.reasons[0]).toBe('the probe asked for 3 streams and measured none');
  });

  it('holds when the streams it asked for were measured', () => {
    expect(judge({ 'streams.total': 3, 'recovery.seconds': 3 }, expectations, 'local', { injection: injected, expectedStreams: 3 }).verdict).toBe('HELD');
  });
});

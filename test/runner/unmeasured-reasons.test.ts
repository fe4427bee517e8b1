import { judge } from '../../lib/runner/judge';
import { unmeasuredReasons } from '../../lib/runner/unmeasured-reasons';
import type { ProbeSpec } from '../../lib/drill/types';

const spec: ProbeSpec = { streams: { count: 6 }, requests: { perSecond: 20 }, jobs: { count: 2 }, warmup: 'PT1S', recoveryTimeout: 'PT20S' };
const all = { streams: true, requests: true, jobs: true };

describe('unmeasuredReasons', () => {
  it('names the missing kind of the traffic profile for each of its figures', () => {
    const reasons = unmeasuredReasons({ ...all, jobs: false }, spec, 'local', true);
    expect(reasons['jobs.failed']).toBe('the traffic profile has no jobs');
    expect(reasons['jobs.seconds.max']).toBe('the traffic profile has no jobs');
    expect(reasons['streams.broken']).toBeUndefined();
    expect(reasons['requests.errorRate']).toBeUndefined();
  });

  it('says the drill sends none of a kind in this mode when the profile has it', () => {
    expect(unmeasuredReasons(all, { ...spec, requests: { perSecond: 0 } }, 'aws', true)['requests.failed']).toBe('the drill sends no requests in aws mode');
  });

  it('names the missing attribution header for streams.brokenOffTarget only', () => {
    const reasons = unmeasuredReasons(all, spec, 'aws', false);
    expect(reasons['streams.brokenOffTarget']).toMatch(/taskHeader/);
    expect(Object.keys(reasons)).toEqual(['streams.brokenOffTarget']);
  });

  it('gives no reason when every kind is sent and attributed', () => {
    expect(unmeasuredReasons(all, spec, 'local', true)).toEqual({});
  });
});

describe('judge with unmeasured reasons', () => {
  it('shows the reason on the not-judged expectation and in the reasons, grouped, never as held', () => {
    const expect_ = [
      { figure: 'streams.broken', op: '<=', bound: 0 },
      { figure: 'jobs.failed', op: '<=', bound: 0 },
      { figure: 'tasks.sigkilled', op: '<=', bound: 0 },
    ] as const;
    const j = judge({ 'streams.broken': 0 }, expect_, 'local', {
      injection: { injected: true, targets: ['t1'] },
      unmeasured: { 'jobs.failed': 'the traffic profile has no jobs' },
    });
    expect(j.verdict).toBe('HELD');
    expect(j.expectations.map((e) => [e.figure, e.held, e.notJudgedWhy])).toEqual([
      ['streams.broken', true, undefined],
      ['jobs.failed', null, 'the traffic profile has no jobs'],
      ['tasks.sigkilled', null, undefined],
    ]);
    expect(j.reasons).toEqual(expect.arrayContaining(['not judged (the traffic profile has no jobs): jobs.failed', 'not judged (not measured in local mode): tasks.sigkilled']));
  });
});

import type { Expectation } from '../../lib/drill';
import { judge } from '../../lib/runner/judge';

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

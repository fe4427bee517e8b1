import type { Expectation } from '../../lib/drill';
import { censorFigures } from '../../lib/runner/censor-figures';
import type { StreamSample } from '../../lib/runner/samples';

const expect4: Expectation[] = [
  { figure: 'recovery.seconds', op: '<=', bound: 20 },
  { figure: 'streams.ttftMs.max', op: '<=', bound: 3000 },
  { figure: 'replacement.healthySeconds', op: '<=', bound: 60 },
  { figure: 'alb.5xx', op: '<=', bound: 0 },
];
const refused: StreamSample = { id: 0, startedAtMs: 1000, endedAtMs: 1012, events: 0, bytes: 0, outcome: 'broken', broken: 'refused', error: 'connect ECONNREFUSED' };

describe('censorFigures', () => {
  it('censors recovery.seconds at the time waited when the service was not back within the bound', () => {
    const c = censorFigures(expect4, {}, [], [], { recovered: false, boundSeconds: 30, faultAtMs: 2000, endedAtMs: 32_140, state: 'healthy 1/2' });
    expect(c['recovery.seconds']).toEqual({ above: 30.1, reason: 'not recovered within 30 s (healthy 1/2)' });
  });

  it('censors nothing about recovery when it came, or when the wait never ended (abort, error)', () => {
    expect(censorFigures(expect4, { 'recovery.seconds': 3 }, [], [], { recovered: true, boundSeconds: 30, faultAtMs: 0, endedAtMs: 3000 })['recovery.seconds']).toBeUndefined();
    expect(censorFigures(expect4, {}, [], [], undefined)['recovery.seconds']).toBeUndefined();
  });

  it('censors the first-event figures when no stream received one (streams that never started)', () => {
    expect(censorFigures(expect4, { 'streams.total': 1 }, [refused], [], undefined)['streams.ttftMs.max']).toEqual({ above: 12, reason: 'no stream received a first event' });
  });

  it('marks an engine figure the engine measures but never got as not reached, and leaves one it cannot measure alone', () => {
    const c = censorFigures(expect4, {}, [], ['replacement.healthySeconds'], undefined);
    expect(c['replacement.healthySeconds']).toEqual({ reason: 'no replacement task became healthy' });
    expect(c['alb.5xx']).toBeUndefined();
  });
});

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

describe('censorFigures, what it leaves alone', () => {
  it('censors no recovery when the wait timed out but the engine measured recovery.seconds all the same', () => {
    const c = censorFigures(expect4, { 'recovery.seconds': 31 }, [], [], { recovered: false, boundSeconds: 30, faultAtMs: 0, endedAtMs: 30_000 });
    expect(c).toEqual({});
  });

  it('says only the bound when the recovery wait knows no state', () => {
    const c = censorFigures(expect4, {}, [], [], { recovered: false, boundSeconds: 30, faultAtMs: 0, endedAtMs: 30_000 });
    expect(c['recovery.seconds']).toEqual({ above: 30, reason: 'not recovered within 30 s' });
  });

  it('censors no first-event figure when a stream received one, nor when no stream was sent', () => {
    expect(censorFigures(expect4, { 'streams.ttftMs.max': 80 }, [refused], [], undefined)).toEqual({});
    expect(censorFigures(expect4, {}, [], [], undefined)).toEqual({});
  });

  it('censors the first-event figures above the longest-lived stream, not the shortest', () => {
    const longer: StreamSample = { ...refused, id: 1, startedAtMs: 1000, endedAtMs: 4500 };
    const c = censorFigures(expect4, {}, [refused, longer], [], undefined);
    expect(c['streams.ttftMs.p50']).toEqual({ above: 3500, reason: 'no stream received a first event' });
    expect(c['streams.ttftMs.max']).toEqual({ above: 3500, reason: 'no stream received a first event' });
  });

  it('names what was not reached for each engine figure, and a generic reason for any other', () => {
    const all: Expectation[] = ['recovery.seconds', 'replacement.launchSeconds', 'replacement.healthySeconds', 'tasks.sigkilled', 'alb.healthyHosts.min'].map(
      (figure) => ({ figure, op: '<=', bound: 1 }) as Expectation,
    );
    const c = censorFigures(all, {}, [], ['recovery.seconds', 'replacement.launchSeconds', 'replacement.healthySeconds', 'tasks.sigkilled', 'alb.healthyHosts.min'], undefined);
    expect(c).toEqual({
      'recovery.seconds': { reason: 'the service was not seen back to desired and healthy' },
      'replacement.launchSeconds': { reason: 'no replacement task started' },
      'replacement.healthySeconds': { reason: 'no replacement task became healthy' },
      'tasks.sigkilled': { reason: 'a stopped task had not finished stopping when the run ended' },
      'alb.healthyHosts.min': { reason: 'not reached in this run' },
    });
  });

  it('censors no measurable figure the drill does not expect, nor one the run measured', () => {
    expect(censorFigures(expect4, { 'replacement.healthySeconds': 12 }, [], ['replacement.healthySeconds', 'tasks.sigkilled'], undefined)).toEqual({});
  });

  it('keeps the recovery bound it censored rather than a bare "not reached"', () => {
    const c = censorFigures(expect4, {}, [], ['recovery.seconds'], { recovered: false, boundSeconds: 30, faultAtMs: 0, endedAtMs: 30_000 });
    expect(c['recovery.seconds']).toEqual({ above: 30, reason: 'not recovered within 30 s' });
  });
});

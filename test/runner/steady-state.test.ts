import type { ProbeSpec } from '../../lib/drill';
import type { StreamSample } from '../../lib/runner/samples';
import { steadyState as gate, type ProbeLabels, type ProbeSnapshot } from '../../lib/runner/steady-state';

const spec: ProbeSpec = { streams: { count: 2 }, requests: { perSecond: 10 }, jobs: { count: 0 }, warmup: 'PT1S', recoveryTimeout: 'PT5S' };
/** As the run names them from the traffic profile. */
const labels: ProbeLabels = { stream: 'GET /v1/stream', request: 'GET /', job: 'POST /jobs (jobs.submit)' };
const steadyState = (snap: ProbeSnapshot, s: ProbeSpec) => gate(snap, s, labels);
const clean = (id: number, firstEventAtMs?: number): StreamSample => ({ id, startedAtMs: 0, firstEventAtMs, endedAtMs: 50, events: 3, bytes: 30, outcome: 'clean' });

describe('the steady state before the fault', () => {
  it('is steady once every stream had its first event and the requests answered', () => {
    expect(steadyState({ streams: [], requests: [{ atMs: 1, latencyMs: 1, status: 200 }], streamsWithFirstEvent: 2 }, spec).state).toBe('steady');
  });

  it('counts a stream that ended clean without an event as shown', () => {
    expect(steadyState({ streams: [clean(0), clean(1)], requests: [{ atMs: 1, latencyMs: 1, status: 200 }], streamsWithFirstEvent: 0 }, spec).state).toBe('steady');
  });

  it('waits while a stream has no first event yet', () => {
    expect(steadyState({ streams: [], requests: [{ atMs: 1, latencyMs: 1, status: 200 }], streamsWithFirstEvent: 1 }, spec)).toEqual({
      state: 'pending',
      problem: '1 of 2 streams (GET /v1/stream) had no first event yet',
    });
  });

  it('rejects a request that failed, naming its status', () => {
    expect(steadyState({ streams: [], requests: [{ atMs: 1, latencyMs: 1, status: 401 }], streamsWithFirstEvent: 2 }, spec)).toEqual({ state: 'broken', problem: 'GET / answered 401' });
  });

  it('rejects a stream that broke, naming what went wrong', () => {
    const refused: StreamSample = { id: 0, startedAtMs: 0, endedAtMs: 1, events: 0, bytes: 0, outcome: 'broken', broken: 'refused', error: 'connect ECONNREFUSED 127.0.0.1:9' };
    expect(steadyState({ streams: [refused], requests: [], streamsWithFirstEvent: 0 }, spec)).toEqual({
      state: 'broken',
      problem: 'GET /v1/stream failed: connection refused (connect ECONNREFUSED 127.0.0.1:9)',
    });
  });

  it('rejects a request whose status the traffic profile does not expect, even a 2xx', () => {
    expect(steadyState({ streams: [], requests: [{ atMs: 1, latencyMs: 1, status: 204, ok: false }], streamsWithFirstEvent: 2 }, spec)).toEqual({ state: 'broken', problem: 'GET / answered 204' });
  });

  it('rejects a job that failed before the fault, naming the call and why', () => {
    const lost = { id: 0, startedAtMs: 0, endedAtMs: 1, polls: 1, outcome: 'failed' as const, error: 'lost: the poll answered HTTP 404 (GET /jobs/7)' };
    expect(steadyState({ streams: [], requests: [{ atMs: 1, latencyMs: 1, status: 200 }], jobs: [lost], streamsWithFirstEvent: 2 }, spec)).toEqual({
      state: 'broken',
      problem: 'POST /jobs (jobs.submit) failed: lost: the poll answered HTTP 404 (GET /jobs/7)',
    });
  });

  it('waits while the requests had no answer yet, and not when the drill sends none', () => {
    expect(steadyState({ streams: [], requests: [], streamsWithFirstEvent: 2 }, spec)).toEqual({ state: 'pending', problem: 'GET / had no answer yet' });
    expect(steadyState({ streams: [], requests: [], streamsWithFirstEvent: 2 }, { ...spec, requests: { perSecond: 0 } })).toEqual({ state: 'steady' });
  });

  it('counts a stream with its first event once, whether it is still open or ended clean', () => {
    const snap = { streams: [clean(0, 20)], requests: [{ atMs: 1, latencyMs: 1, status: 200 }], streamsWithFirstEvent: 1 };
    expect(steadyState(snap, spec)).toEqual({ state: 'pending', problem: '1 of 2 streams (GET /v1/stream) had no first event yet' });
    expect(steadyState({ ...snap, streams: [clean(0, 20), clean(1)] }, spec).state).toBe('steady');
  });

  it('rejects a request answered 400, and takes 200 and 399 as answered', () => {
    const at = (status: number) => ({ atMs: 1, latencyMs: 1, status });
    expect(steadyState({ streams: [], requests: [at(200), at(399), at(400)], streamsWithFirstEvent: 2 }, spec)).toEqual({ state: 'broken', problem: 'GET / answered 400' });
    expect(steadyState({ streams: [], requests: [at(200), at(399)], streamsWithFirstEvent: 2 }, spec)).toEqual({ state: 'steady' });
  });

  it('rejects a request that got no answer, naming what went wrong and the error once', () => {
    const noAnswer = (error?: string) => ({ streams: [], requests: [{ atMs: 1, latencyMs: 1, status: 0, error }], streamsWithFirstEvent: 2 });
    expect(steadyState(noAnswer('connect ECONNREFUSED 127.0.0.1:9'), spec)).toEqual({ state: 'broken', problem: 'GET / failed: connection refused (connect ECONNREFUSED 127.0.0.1:9)' });
    expect(steadyState(noAnswer(undefined), spec)).toEqual({ state: 'broken', problem: 'GET / failed: no answer' });
    expect(steadyState(noAnswer('getaddrinfo ENOTFOUND svc'), spec)).toEqual({ state: 'broken', problem: 'GET / failed: getaddrinfo ENOTFOUND svc' });
  });

  it('rejects a stream answered with an unexpected status, adding the probe’s error unless it only repeats the status', () => {
    const http = (error: string): StreamSample => ({ id: 0, startedAtMs: 0, endedAtMs: 1, events: 0, bytes: 0, status: 404, outcome: 'broken', broken: 'http-status', error });
    expect(steadyState({ streams: [http('HTTP 404')], requests: [], streamsWithFirstEvent: 0 }, spec)).toEqual({ state: 'broken', problem: 'GET /v1/stream answered 404' });
    expect(steadyState({ streams: [http('no route for /v1/stream')], requests: [], streamsWithFirstEvent: 0 }, spec)).toEqual({
      state: 'broken',
      problem: 'GET /v1/stream answered 404 (no route for /v1/stream)',
    });
  });

  it('does not count a job that succeeded as a failure', () => {
    const done = { id: 0, startedAtMs: 0, endedAtMs: 1, polls: 1, outcome: 'succeeded' as const };
    expect(steadyState({ streams: [], requests: [{ atMs: 1, latencyMs: 1, status: 200 }], jobs: [done], streamsWithFirstEvent: 2 }, spec)).toEqual({ state: 'steady' });
  });

  it('rejects a failed job with no detail in the default words when the labels do not name the job call', () => {
    const lost = { id: 0, startedAtMs: 0, endedAtMs: 1, polls: 1, outcome: 'failed' as const };
    const snap = { streams: [], requests: [{ atMs: 1, latencyMs: 1, status: 200 }], jobs: [lost], streamsWithFirstEvent: 2 };
    expect(gate(snap, spec, { stream: 'GET /v1/stream', request: 'GET /' })).toEqual({ state: 'broken', problem: 'a job failed: no detail' });
    expect(gate(snap, spec)).toEqual({ state: 'broken', problem: 'the jobs (jobs.submit) failed: no detail' });
  });
});

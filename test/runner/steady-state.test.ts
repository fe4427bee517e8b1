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
});

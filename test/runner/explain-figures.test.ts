import { explainFigures } from '../../lib/runner/explain-figures';
import type { RequestSample, StreamSample, TimelineEvent } from '../../lib/runner/samples';

const at = (atMs: number, e: Omit<TimelineEvent, 'atMs' | 'at'>): TimelineEvent => ({ atMs, at: new Date(atMs).toISOString(), ...e });
const ok = (atMs: number): RequestSample => ({ atMs, latencyMs: 2, status: 200 });

describe('explainFigures', () => {
  it('names failed requests by status and the window they fell in', () => {
    const requests = [ok(1000), ...[2600, 2800, 3000, 3100, 3200, 3300, 3400, 3450, 3500].map((atMs) => ({ atMs, latencyMs: 1, status: 502 })), ok(4000)];
    const causes = explainFigures({ streams: [], requests, timeline: [], faultTargets: [] });
    expect(causes['requests.errorRate']).toBe('9 × 502 between +2.6 s and +3.5 s');
  });

  it('names requests that got no answer by what went wrong', () => {
    const requests: RequestSample[] = [{ atMs: 2000, latencyMs: 1, status: 0, error: 'connect ECONNREFUSED 127.0.0.1:1' }];
    expect(explainFigures({ streams: [], requests, timeline: [], faultTargets: [] })['requests.failed']).toBe('1 × connection refused at +2.0 s');
  });

  it('names a SIGKILL after a dropped SIGTERM as the missing handler', () => {
    const timeline = [
      at(2500, { kind: 'sigterm-sent', task: 't1-zone-a', detail: 'dropped: the main process has no SIGTERM handler (PID 1 rule)' }),
      at(5500, { kind: 'sigkill-sent', task: 't1-zone-a', detail: 'still alive 3 s after SIGTERM (stopTimeout)' }),
    ];
    expect(explainFigures({ streams: [], requests: [], timeline, faultTargets: [] })['tasks.sigkilled']).toMatch(/^SIGTERM dropped on t1-zone-a: the main process has no SIGTERM handler/);
  });

  it('names a SIGKILL after a delivered SIGTERM as a drain longer than stopTimeout', () => {
    const timeline = [at(2500, { kind: 'sigterm-sent', task: 't1', detail: 'delivered' }), at(5500, { kind: 'sigkill-sent', task: 't1', detail: 'still alive 3 s after SIGTERM (stopTimeout)' })];
    expect(explainFigures({ streams: [], requests: [], timeline, faultTargets: [] })['tasks.sigkilled']).toBe('t1 still alive 3 s after SIGTERM (stopTimeout): its drain outlasted stopTimeout');
  });

  it('names broken streams by how they broke and on which task, off-target ones apart', () => {
    const stream = (id: number, task: string, endedAtMs: number): StreamSample => ({
      id,
      startedAtMs: 0,
      endedAtMs,
      events: 3,
      bytes: 10,
      task,
      outcome: 'broken',
      broken: 'reset',
      error: 'connection closed mid-stream',
    });
    const causes = explainFigures({ streams: [stream(0, 't1', 3000), stream(1, 't2', 3100)], requests: [], timeline: [], faultTargets: ['t1'] });
    expect(causes['streams.broken']).toBe('2 × reset (connection closed mid-stream) on t1, t2 between +3.0 s and +3.1 s');
    expect(causes['streams.brokenOffTarget']).toBe('1 × reset (connection closed mid-stream) on t2 at +3.1 s');
  });
});

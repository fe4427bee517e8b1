import { explainFigures, type RunRecord } from '../../lib/runner/explain-figures';
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

const run = (over: Partial<RunRecord>): RunRecord => ({ streams: [], requests: [], timeline: [], faultTargets: [], ...over });
const request = (atMs: number, status: number, over: Partial<RequestSample> = {}): RequestSample => ({ atMs, latencyMs: 1, status, ...over });
const stream = (over: Partial<StreamSample>): StreamSample => ({ id: 0, startedAtMs: 0, endedAtMs: 1000, events: 3, bytes: 30, outcome: 'clean', ...over });

describe('explainFigures, cause by cause', () => {
  it('explains nothing when the run saw nothing go wrong', () => {
    const clean = run({
      streams: [stream({ firstEventAtMs: undefined })],
      requests: [ok(1000), request(1100, 302)],
      timeline: [at(0, { kind: 'run-started' }), at(2000, { kind: 'fault-injected' }), at(5000, { kind: 'sigkill-sent', task: 't1', detail: 'kill-process (delivered)' })],
    });
    expect(explainFigures(clean)).toStrictEqual({});
  });

  it('counts a request as failed exactly when the figures do: from 400, and by the statuses the traffic profile expects', () => {
    const requests = [request(1000, 400), request(1100, 399), request(1200, 204, { ok: false }), request(1300, 404, { ok: true }), request(1400, 200, { ok: true })];
    const causes = explainFigures(run({ requests }));
    expect(causes['requests.failed']).toBe('1 × 400, 1 × 204 between +1.0 s and +1.2 s');
    expect(causes['requests.errorRate']).toBe(causes['requests.failed']);
  });

  it('names the most frequent failure first', () => {
    const requests = [request(1000, 503), request(1100, 0, { error: 'socket hang up' }), request(1200, 0, { error: 'read ECONNRESET' }), request(1300, 0, { error: 'socket hang up' })];
    expect(explainFigures(run({ requests }))['requests.failed']).toBe('3 × connection reset, 1 × 503 between +1.0 s and +1.3 s');
  });

  it.each([
    [undefined, 'no answer'],
    ['connect ECONNREFUSED 127.0.0.1:8080', 'connection refused'],
    ['read ECONNRESET', 'connection reset'],
    ['socket hang up', 'connection reset'],
    ['connection closed', 'connection reset'],
    ['timeout after 5000 ms', 'timeout'],
    ['no end after 30 s', 'timeout'],
    ['getaddrinfo ENOTFOUND svc.internal', 'getaddrinfo ENOTFOUND svc.internal'],
  ])('names a request that got no answer with error %p as "%s"', (error, label) => {
    expect(explainFigures(run({ requests: [request(2000, 0, { error })] }))['requests.failed']).toBe(`1 × ${label} at +2.0 s`);
  });

  it('names only the broken streams, by status or by how they broke, and a stream no header placed as on an unknown task', () => {
    const streams = [
      stream({ id: 0, task: 't2', endedAtMs: 1000 }),
      stream({ id: 1, task: 't2', endedAtMs: 2000, outcome: 'broken', broken: 'http-status', status: 503 }),
      stream({ id: 2, endedAtMs: 2500, outcome: 'broken', broken: 'no-done' }),
    ];
    expect(explainFigures(run({ streams, faultTargets: ['t1'] }))).toStrictEqual({
      'streams.broken': '1 × HTTP 503, 1 × no-done on t2, an unknown task between +2.0 s and +2.5 s',
      'streams.brokenOffTarget': '1 × HTTP 503, 1 × no-done on t2, an unknown task between +2.0 s and +2.5 s',
    });
  });

  it('leaves a stream broken on a fault target out of the off-target cause when the target is named by its task ARN', () => {
    const arn = 'arn:aws:ecs:eu-west-1:111122223333:task/drills/0f1e2d3c';
    const streams = [stream({ task: '0f1e2d3c', endedAtMs: 3000, outcome: 'broken', broken: 'reset' }), stream({ task: '9a8b7c6d', endedAtMs: 3200, outcome: 'broken', broken: 'reset' })];
    const causes = explainFigures(run({ streams, faultTargets: [arn] }));
    expect(causes['streams.broken']).toBe('2 × reset on 0f1e2d3c, 9a8b7c6d between +3.0 s and +3.2 s');
    expect(causes['streams.brokenOffTarget']).toBe('1 × reset on 9a8b7c6d at +3.2 s');
  });

  it('names the slowest first event and its task, from the streams that had one', () => {
    const streams = [
      stream({ id: 0, firstEventAtMs: undefined }),
      stream({ id: 1, startedAtMs: 1000, firstEventAtMs: 1150, task: 't1' }),
      stream({ id: 2, startedAtMs: 500, firstEventAtMs: 1400, task: 't2' }),
      stream({ id: 3, firstEventAtMs: 300 }),
    ];
    expect(explainFigures(run({ streams }))['streams.ttftMs.max']).toBe('slowest first event 0.9 s from t2');
    expect(explainFigures(run({ streams: [stream({ firstEventAtMs: 2500 })] }))['streams.ttftMs.max']).toBe('slowest first event 2.5 s');
    expect(explainFigures(run({ streams: [stream({ firstEventAtMs: undefined, task: 't1' })] }))).toStrictEqual({});
  });

  it('names every SIGKILL at stopTimeout, each with its own task’s SIGTERM', () => {
    const timeline = [
      at(2500, { kind: 'sigterm-sent', task: 't1', detail: 'dropped: the main process has no SIGTERM handler (PID 1 rule)' }),
      at(2600, { kind: 'sigterm-sent', task: 't2', detail: 'delivered' }),
      at(5500, { kind: 'sigkill-sent', task: 't2', detail: 'still alive 3 s after SIGTERM (stopTimeout)' }),
      at(5600, { kind: 'sigkill-sent', task: 't1', detail: 'still alive 3 s after SIGTERM (stopTimeout)' }),
      at(6000, { kind: 'sigkill-sent', task: 't3', detail: 'kill-process (delivered)' }),
      // the local engine's note when a stop outlasts the recovery bound: it names stopTimeout, it is no SIGKILL
      at(6500, { kind: 'note', detail: 'recovery bound reached with t4 still stopping: waiting up to 5 s more (stopTimeout + margin; --stop-timeout shortens it)' }),
    ];
    expect(explainFigures(run({ timeline }))['tasks.sigkilled']).toBe(
      't2 still alive 3 s after SIGTERM (stopTimeout): its drain outlasted stopTimeout; SIGTERM dropped on t1: the main process has no SIGTERM handler (a shell as PID 1, or no handler)',
    );
  });

  it('blames a dropped SIGTERM sent in the same millisecond as the SIGKILL, and not one sent after it', () => {
    const kill = at(3000, { kind: 'sigkill-sent', task: 't1', detail: 'still alive 0 s after SIGTERM (stopTimeout)' });
    const dropped = (atMs: number) => at(atMs, { kind: 'sigterm-sent', task: 't1', detail: 'dropped: the main process has no SIGTERM handler (PID 1 rule)' });
    expect(explainFigures(run({ timeline: [dropped(3000), kill] }))['tasks.sigkilled']).toMatch(/^SIGTERM dropped on t1/);
    expect(explainFigures(run({ timeline: [kill, dropped(3001)] }))['tasks.sigkilled']).toBe('t1 still alive 0 s after SIGTERM (stopTimeout): its drain outlasted stopTimeout');
  });

  it('explains a SIGKILL whose SIGTERM was recorded without a detail, or not at all (an older journal), as a drain that outlasted stopTimeout', () => {
    const kill = at(3000, { kind: 'sigkill-sent', task: 't1', detail: 'still alive 2 s after SIGTERM (stopTimeout)' });
    const expected = 't1 still alive 2 s after SIGTERM (stopTimeout): its drain outlasted stopTimeout';
    expect(explainFigures(run({ timeline: [kill] }))['tasks.sigkilled']).toBe(expected);
    expect(explainFigures(run({ timeline: [at(1000, { kind: 'sigterm-sent', task: 't1' }), kill] }))['tasks.sigkilled']).toBe(expected);
  });

  it('explains the recovery by the tasks the container health check replaced, each task named once', () => {
    const replaced = (atMs: number, task: string) => at(atMs, { kind: 'note', task, detail: 'container health check failed 3 times in a row (GET /health: 503; start period 0 s): task replaced' });
    const timeline = [
      at(1000, { kind: 'fault-injected' }),
      at(1200, { kind: 'note', task: 't9', detail: 'dependency: postgres on 127.0.0.1:5432' }),
      replaced(2000, 't1'),
      at(2100, { kind: 'replacement-started', task: 't4' }),
      replaced(4000, 't2'),
      replaced(9000, 't1'),
    ];
    expect(explainFigures(run({ timeline }))['recovery.seconds']).toBe('3 task(s) replaced by the container health check (t1, t2)');
  });

  it('explains the recovery by when the first replacement after the fault started', () => {
    const timeline = [
      at(0, { kind: 'run-started' }),
      at(500, { kind: 'replacement-started', task: 't0' }), // before the fault: the fleet starting
      at(1000, { kind: 'fault-injected', detail: 'targets: t1' }),
      at(2500, { kind: 'replacement-started', task: 't3' }),
      at(4000, { kind: 'replacement-started', task: 't4' }),
    ];
    expect(explainFigures(run({ timeline }))['recovery.seconds']).toBe('first replacement started 1.5 s after the fault');
    const atOnce = [at(1000, { kind: 'fault-injected' }), at(1000, { kind: 'replacement-started', task: 't3' })];
    expect(explainFigures(run({ timeline: atOnce }))['recovery.seconds']).toBe('first replacement started 0.0 s after the fault');
  });

  it('gives no recovery cause without a fault or without a replacement after it', () => {
    expect(explainFigures(run({ timeline: [at(500, { kind: 'replacement-started', task: 't0' })] }))).toStrictEqual({});
    expect(explainFigures(run({ timeline: [at(500, { kind: 'replacement-started', task: 't0' }), at(1000, { kind: 'fault-injected' })] }))).toStrictEqual({});
  });
});

/** measure() figure by figure: which kinds are measured, where a request fails, jobs, streams off the fault's targets by ARN or id, and the longest stream. */
import { longestStream, measure, servedByTarget } from '../../lib/runner/measure';
import type { JobSample, RequestSample, StreamSample } from '../../lib/runner/samples';

const stream = (over: Partial<StreamSample>): StreamSample => ({ id: 0, startedAtMs: 0, firstEventAtMs: 100, endedAtMs: 1000, events: 5, bytes: 50, outcome: 'clean', ...over });
const request = (status: number, over: Partial<RequestSample> = {}): RequestSample => ({ atMs: 0, latencyMs: 10, status, ...over });
const job = (outcome: JobSample['outcome'], seconds: number): JobSample => ({ id: 0, startedAtMs: 1000, endedAtMs: 1000 + seconds * 1000, polls: 1, outcome });

describe('measure, figure by figure', () => {
  it('counts a request failed below 200 and from 400, and trusts the profile when it says which statuses it expects', () => {
    const f = measure({ streams: [], requests: [request(199), request(200), request(201), request(399), request(400), request(404, { ok: true }), request(200, { ok: false })] }, []);
    expect([f['requests.total'], f['requests.failed'], f['requests.errorRate']]).toEqual([7, 3, 0.4286]);
  });

  it('gives the p99 latency of the requests, and none without requests', () => {
    const latencies = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(measure({ streams: [], requests: latencies.map((latencyMs) => request(200, { latencyMs })) }, [])['requests.p99Ms']).toBe(99);
    // array paths: a dotted string would look for figures.requests.p99Ms and pass vacuously
    expect(measure({ streams: [], requests: [] }, [])).not.toHaveProperty(['requests.p99Ms']);
  });

  it('counts jobs, the succeeded and the rest, and the longest in seconds', () => {
    const f = measure({ streams: [], requests: [], jobs: [job('succeeded', 2), job('failed', 7.25), job('succeeded', 3)] }, []);
    expect([f['jobs.total'], f['jobs.succeeded'], f['jobs.failed'], f['jobs.seconds.max']]).toEqual([3, 2, 1, 7.3]);
  });

  it('measures jobs only when there are some or the scope says jobs were sent, and leaves out the kinds not sent', () => {
    expect(Object.keys(measure({ streams: [], requests: [] }, [])).filter((k) => k.startsWith('jobs.'))).toEqual([]);
    const sentNone = measure({ streams: [], requests: [] }, [], { kinds: { streams: false, requests: false, jobs: true } });
    expect(sentNone).toEqual({ 'jobs.total': 0, 'jobs.succeeded': 0, 'jobs.failed': 0 });
  });

  it('leaves streams off target unmeasured when nothing told which task served', () => {
    const f = measure({ streams: [stream({ outcome: 'broken', task: 't9' })], requests: [] }, ['t1'], { attributed: false });
    expect(f).not.toHaveProperty(['streams.brokenOffTarget']);
    expect(f['streams.broken']).toBe(1);
  });

  it('takes TTFT only from streams that got a first event, and stream length from end minus start', () => {
    const f = measure({ streams: [stream({ startedAtMs: 1000, firstEventAtMs: 1250, endedAtMs: 3000 }), stream({ startedAtMs: 500, firstEventAtMs: undefined, endedAtMs: 900 })], requests: [] }, []);
    expect([f['streams.ttftMs.p50'], f['streams.ttftMs.max'], f['streams.seconds.max']]).toEqual([250, 250, 2]);
  });

  it('leaves TTFT unmeasured when no stream got a first event, and stream length when no stream ran', () => {
    const noEvent = measure({ streams: [stream({ firstEventAtMs: undefined, endedAtMs: 1500 })], requests: [] }, []);
    expect(noEvent).toEqual(expect.objectContaining({ 'streams.total': 1, 'streams.seconds.max': 1.5 }));
    expect(Object.keys(noEvent).filter((k) => k.startsWith('streams.ttftMs'))).toEqual([]);
    expect(measure({ streams: [], requests: [] }, [], { kinds: { streams: true, requests: false, jobs: false } })).toStrictEqual({
      'streams.total': 0,
      'streams.clean': 0,
      'streams.broken': 0,
      'streams.brokenOffTarget': 0,
      'streams.bytes': 0,
      'streams.events': 0,
    });
  });

  it('counts only the broken streams off the fault targets as off target', () => {
    const broken = (task?: string) => stream({ outcome: 'broken', broken: 'reset', task });
    const f = measure({ streams: [broken('t1'), broken('t1'), broken('t2'), broken(undefined), stream({ task: 't3' })], requests: [] }, ['t1']);
    expect([f['streams.broken'], f['streams.brokenOffTarget']]).toEqual([4, 2]);
  });
});

describe('servedByTarget', () => {
  it('matches a task by id or ARN on either side, and only a target of the fault', () => {
    const arn = 'arn:aws:ecs:eu-west-1:1:task/c/abc123';
    expect(servedByTarget('abc123', [arn])).toBe(true);
    expect(servedByTarget(arn, ['abc123'])).toBe(true);
    expect(servedByTarget('abc123', ['abc123'])).toBe(true);
    expect(servedByTarget('abc123', ['other', arn])).toBe(true);
    expect(servedByTarget('abc12', [arn])).toBe(false);
    expect(servedByTarget('xabc123', ['abc123'])).toBe(false);
    expect(servedByTarget('abc123', [])).toBe(false);
  });
});

describe('longestStream', () => {
  it('gives the stream that lasted longest, the first of equals, and none of none', () => {
    const a = stream({ id: 1, startedAtMs: 100, endedAtMs: 600 });
    const b = stream({ id: 2, startedAtMs: 1000, endedAtMs: 1900 });
    const c = stream({ id: 3, startedAtMs: 2000, endedAtMs: 2900 });
    expect(longestStream([a, b, c])?.id).toBe(2);
    expect(longestStream([b, a])?.id).toBe(2);
    // a long stream that started at 0 after a short one that started late: lengths, not end times
    expect(longestStream([stream({ id: 4, startedAtMs: 5000, endedAtMs: 5500 }), stream({ id: 5, startedAtMs: 0, endedAtMs: 4000 })])?.id).toBe(5);
    expect(longestStream([])).toBeUndefined();
  });
});

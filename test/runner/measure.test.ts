import { measure, percentile } from '../../lib/runner/measure';
import type { StreamSample } from '../../lib/runner/samples';

const stream = (over: Partial<StreamSample>): StreamSample => ({ id: 0, startedAtMs: 0, firstEventAtMs: 100, endedAtMs: 1000, events: 5, bytes: 50, outcome: 'clean', ...over });

describe('measure', () => {
  it('counts clean and broken streams and sums events and bytes', () => {
    const f = measure({ streams: [stream({}), stream({ outcome: 'broken', broken: 'reset', task: 't1' })], requests: [] }, ['t1']);
    expect(f['streams.total']).toBe(2);
    expect(f['streams.clean']).toBe(1);
    expect(f['streams.broken']).toBe(1);
    expect(f['streams.events']).toBe(10);
    expect(f['streams.bytes']).toBe(100);
  });

  it('counts a broken stream off the fault targets, and one with an unknown task as off-target', () => {
    const f = measure({ streams: [stream({ outcome: 'broken', task: 't1' }), stream({ outcome: 'broken', task: 't2' }), stream({ outcome: 'broken' })], requests: [] }, ['t1']);
    expect(f['streams.brokenOffTarget']).toBe(2);
  });

  it('gives p50 and max TTFT and the longest stream in seconds', () => {
    const f = measure({ streams: [stream({ firstEventAtMs: 100 }), stream({ firstEventAtMs: 300, endedAtMs: 48_300 }), stream({ firstEventAtMs: 200 })], requests: [] }, []);
    expect(f['streams.ttftMs.p50']).toBe(200);
    expect(f['streams.ttftMs.max']).toBe(300);
    expect(f['streams.seconds.max']).toBe(48.3);
  });

  it('counts failed requests (no response or status ≥ 400) and the error rate', () => {
    const f = measure(
      {
        streams: [],
        requests: [
          { atMs: 0, latencyMs: 1, status: 200 },
          { atMs: 0, latencyMs: 1, status: 503 },
          { atMs: 0, latencyMs: 1, status: 0 },
          { atMs: 0, latencyMs: 1, status: 200 },
        ],
      },
      [],
    );
    expect(f['requests.total']).toBe(4);
    expect(f['requests.failed']).toBe(2);
    expect(f['requests.errorRate']).toBe(0.5);
  });

  it('leaves TTFT and error rate unmeasured when nothing was seen', () => {
    const f = measure({ streams: [], requests: [] }, []);
    expect(f['streams.ttftMs.p50']).toBeUndefined();
    expect(f['requests.errorRate']).toBeUndefined();
    expect(f['streams.total']).toBe(0);
  });

  it('takes the nearest-rank percentile', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([], 50)).toBeUndefined();
  });
});

import { measure } from '../../lib/runner/measure';
import { dependencyBackAtMs, dependencyRecoverySeconds } from '../../lib/runner/dependency-recovery';
import type { RequestSample, TimelineEvent } from '../../lib/runner/samples';

const req = (atMs: number, status: number, latencyMs = 10): RequestSample => ({ atMs, latencyMs, status });
const event = (kind: TimelineEvent['kind'], atMs: number): TimelineEvent => ({ kind, atMs, at: new Date(atMs).toISOString() });

describe('dependency.recoverySeconds', () => {
  test('runs from the dependency being back to the end of the last request that failed after it', () => {
    const requests = [req(900, 503), req(1000, 503, 40), req(1500, 503, 100), req(1700, 200), req(1800, 200)];
    expect(dependencyRecoverySeconds(requests, 1000)).toBe(0.6);
  });

  test('is 0 when nothing failed after the dependency was back', () => {
    expect(dependencyRecoverySeconds([req(500, 503), req(1200, 200)], 1000)).toBe(0);
  });

  test('fails to reach a value when no request succeeded after the last failure, or the dependency never came back', () => {
    expect(dependencyRecoverySeconds([req(1200, 200), req(1500, 503)], 1000)).toBeUndefined();
    expect(dependencyRecoverySeconds([req(1200, 200)], undefined)).toBeUndefined();
  });

  test('takes the first fault-ended after the fault as the moment the dependency was back', () => {
    expect(dependencyBackAtMs([event('fault-ended', 5), event('fault-injected', 10), event('fault-ended', 70), event('fault-ended', 90)])).toBe(70);
    expect(dependencyBackAtMs([event('fault-injected', 10)])).toBeUndefined();
  });
});

describe('requests.p99Ms', () => {
  test('is the 99th percentile of every request latency, failed ones included', () => {
    const requests = Array.from({ length: 100 }, (_, i) => req(i, i < 98 ? 200 : 503, i === 99 ? 5000 : i + 1));
    expect(measure({ streams: [], requests }, [])['requests.p99Ms']).toBe(99);
    expect(measure({ streams: [], requests: [] }, [])['requests.p99Ms']).toBeUndefined();
  });
});

import { INITIAL_HEALTH, recordCheck, type HealthState } from '../../../lib/runner/local/health-state';

const thresholds = { healthyThreshold: 2, unhealthyThreshold: 3 };
const run = (results: boolean[], from: HealthState = INITIAL_HEALTH) => results.reduce((s, ok) => recordCheck(s, ok, thresholds), from);

describe('recordCheck', () => {
  test('a new target is not healthy until it passes healthyThreshold checks in a row', () => {
    expect(run([true]).status).toBe('initial');
    expect(run([true, false, true]).status).toBe('initial');
    expect(run([true, true]).status).toBe('healthy');
  });

  test('a healthy target turns unhealthy only after unhealthyThreshold failures in a row', () => {
    const healthy = run([true, true]);
    expect(run([false, false], healthy).status).toBe('healthy');
    expect(run([false, false, true, false], healthy).status).toBe('healthy');
    expect(run([false, false, false], healthy).status).toBe('unhealthy');
  });

  test('an unhealthy target comes back after healthyThreshold passes', () => {
    const unhealthy = run([true, true, false, false, false]);
    expect(run([true], unhealthy).status).toBe('unhealthy');
    expect(run([true, true], unhealthy).status).toBe('healthy');
  });

  test('a new target that never passes turns unhealthy after unhealthyThreshold failures in a row, not before', () => {
    expect(run([false, false])).toEqual({ status: 'initial', passes: 0, failures: 2 });
    expect(run([false, false, false])).toEqual({ status: 'unhealthy', passes: 0, failures: 3 });
    expect(run([false, false, true, false]).status).toBe('initial');
  });

  test('a pass resets the run of failures and a failure the run of passes', () => {
    expect(run([false, false, true])).toEqual({ status: 'initial', passes: 1, failures: 0 });
    expect(run([true, true, true, false])).toEqual({ status: 'healthy', passes: 0, failures: 1 });
  });
});

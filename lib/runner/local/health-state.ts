/**
 * Health-check thresholds as the ALB applies them: a target starts `initial` and needs
 * `healthyThreshold` consecutive passes to be healthy; a healthy or initial target needs
 * `unhealthyThreshold` consecutive failures to be unhealthy. A check counts toward one run of
 * passes or failures and resets the other. Pure: state in, state out.
 */
export type HealthStatus = 'initial' | 'healthy' | 'unhealthy';

export interface HealthState {
  readonly status: HealthStatus;
  readonly passes: number;
  readonly failures: number;
}

export interface Thresholds {
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
}

export const INITIAL_HEALTH: HealthState = { status: 'initial', passes: 0, failures: 0 };

export function recordCheck(state: HealthState, ok: boolean, thresholds: Thresholds): HealthState {
  if (ok) {
    const passes = state.passes + 1;
    return { status: passes >= thresholds.healthyThreshold ? 'healthy' : state.status, passes, failures: 0 };
  }
  const failures = state.failures + 1;
  return { status: failures >= thresholds.unhealthyThreshold ? 'unhealthy' : state.status, passes: 0, failures };
}

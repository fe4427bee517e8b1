/**
 * Health-check thresholds as the ALB applies them: a target starts `initial` and needs
 * `healthyThreshold` consecutive passes to be healthy; a healthy target needs
 * `unhealthyThreshold` consecutive failures to be unhealthy. Pure: state in, state out.
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
  const passes = ok ? state.passes + 1 : 0;
  const failures = ok ? 0 : state.failures + 1;
  let status = state.status;
  if (ok && status !== 'healthy' && passes >= thresholds.healthyThreshold) status = 'healthy';
  if (!ok && status === 'healthy' && failures >= thresholds.unhealthyThreshold) status = 'unhealthy';
  if (!ok && status === 'initial' && failures >= thresholds.unhealthyThreshold) status = 'unhealthy';
  return { status, passes, failures };
}

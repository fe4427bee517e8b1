/**
 * The verdict where on-call looks: after every finished `drills run`, the runner publishes
 * `FisDrills/DrillVerdict` (the verdict's exit code: 0 HELD, 1 VIOLATED, 3 ABORTED,
 * 4 NOT_INJECTED, 5 ERROR) and, when measured, `FisDrills/DrillRecoverySeconds`, both under
 * `Service=<ECS service name>, Drill=<drill id>`. The game-day alarm ("the last game day of this
 * drill was not HELD") and dashboard watch the same series.
 *
 * Both sides import this module: CDK passes the ECS service's `Name` attribute, the runner the
 * `ServiceName` stack output — the same physical name, as for the heartbeat
 * (lib/workload/probe-heartbeat.ts). A metric is identified by namespace, name and every
 * dimension (CloudWatch User Guide, "Dimensions"), so the two must agree to the character.
 */
import { EXIT_CODE, type Verdict } from '../runner/verdict';

export const DRILL_VERDICT_METRIC = {
  namespace: 'FisDrills',
  verdict: 'DrillVerdict',
  recoverySeconds: 'DrillRecoverySeconds',
  /** The dimensions of both metrics. */
  dimensions: (ecsServiceName: string, drillId: string): Record<string, string> => ({ Service: ecsServiceName, Drill: drillId }),
  /** The value published for a verdict: its exit code, so HELD is 0 and anything else is ≥ 1. */
  value: (verdict: Verdict): number => EXIT_CODE[verdict],
  /** Seconds per datapoint of the alarm; a run publishes once, so any period works; 5 minutes keeps it cheap. */
  periodSeconds: 300,
} as const;

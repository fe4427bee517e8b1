/**
 * Metrics that stop being published when the service they measure is gone — every task stopped,
 * every target deregistered — so an alarm on them sees missing data exactly in that outage.
 * Unless missing data is treated as breaching, such an alarm cannot fire then.
 *
 * Sources: AWS/ECS CPUUtilization and MemoryUtilization are sent only while the service has
 * RUNNING tasks (ECS Developer Guide available-metrics.html; fis-facts §10). ALB HealthyHostCount
 * and the per-target metrics are reported only while the target group has registered targets
 * that requests can reach (ELB User Guide, ALB CloudWatch metrics: "reports metrics only when
 * requests are flowing"; fis-facts additions 2026-11-30 — the registered-targets condition is
 * read from the facts sheet, not confirmed on the AWS page).
 */
export const SILENT_WHEN_SERVICE_GONE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'AWS/ECS': {
    CPUUtilization: 'AWS/ECS sends it only while the service has RUNNING tasks',
    MemoryUtilization: 'AWS/ECS sends it only while the service has RUNNING tasks',
  },
  'AWS/ApplicationELB': {
    HealthyHostCount: 'the ALB reports it only while the target group has registered targets',
    UnHealthyHostCount: 'the ALB reports it only while the target group has registered targets',
    HTTPCode_Target_5XX_Count: 'no request reaches a target, so the ALB reports no target metric',
    TargetResponseTime: 'no request reaches a target, so the ALB reports no target metric',
    RequestCountPerTarget: 'no request reaches a target, so the ALB reports no target metric',
  },
};

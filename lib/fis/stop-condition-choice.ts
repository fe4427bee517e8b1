/**
 * Which alarm guards a drill under each stop-condition name, and why, in words for the template's
 * description (issue 15 §4). A stop condition must fire on harm beyond the drill's hypothesis, never
 * on the loss the drill causes on purpose: a zone drill's healthy-hosts guard counts the surviving
 * zones only (StopConditionAlarms.healthyHostsOutsideZone), as the load-balancer-wide Minimum drops
 * to 0 when the cut zone's ALB node goes (ELB UG, load-balancer-cloudwatch-metrics.html: Minimum is
 * the lowest value any node reported). Pure.
 */
import type { Drill, StopConditionName } from '../drill';

export interface StopConditionChoice {
  /** The healthy-hosts stop condition watches the zones other than this one (an az-outage's). */
  readonly healthyHostsOutsideZone?: number;
  /** One line per stop condition, for the template's description. */
  readonly summary: string;
}

const WHY: Readonly<Record<StopConditionName, string>> = {
  'error-rate': 'error-rate: 5xx share of requests over the limit 2 min (idle = OK)',
  'healthy-hosts': 'healthy-hosts: fewest healthy targets any ALB node saw under the floor 2 min (no data = ALARM)',
  'running-tasks': 'running-tasks: Container Insights RunningTaskCount under the floor 2 min (no data = ALARM)',
  'probe-heartbeat': "probe-heartbeat: the runner's probe successes stop 30 s (no data = ALARM)",
  'database-connections': 'database-connections: Aurora DatabaseConnections above the limit 2 min (a reconnect storm)',
  'database-unavailable': 'database-unavailable: Aurora publishes no DatabaseConnections for 3 min (no data = ALARM)',
};

export function stopConditionChoice(drill: Drill): StopConditionChoice {
  const zone = drill.fault.kind === 'az-outage' ? drill.fault.zoneIndex : undefined;
  const lines = [...new Set(drill.stopConditions)].map((name) =>
    name === 'healthy-hosts' && zone !== undefined
      ? `healthy-hosts: healthy targets summed over the zones other than zone ${zone} under the floor 2 min (the cut zone's loss is the hypothesis; no data = ALARM)`
      : WHY[name],
  );
  return { ...(zone !== undefined ? { healthyHostsOutsideZone: zone } : {}), summary: `Stop conditions: ${lines.join('; ')}.` };
}

import type { FleetTask } from './fleet-task';
import type { LoadBalancer } from './load-balancer';

/**
 * "t1-zone-a: 503, t2-zone-b: connection refused" — what the health check last got from each
 * task that is not healthy behind the load balancer (its own check, else the container's).
 */
export function unhealthyTasks(tasks: readonly FleetTask[], lb: LoadBalancer): string {
  return tasks
    .filter((t) => lb.healthOf(t.id) !== 'healthy')
    .map((t) => {
      const last = lb.lastCheckOf(t.id) ?? t.containerHealth.last;
      const exited = t.process.exitStatus;
      if (exited) return `${t.id}: exited (${exited.signal ? `signal ${exited.signal}` : `code ${exited.code}`})`;
      return `${t.id}: ${last ?? 'no check answered yet'}`;
    })
    .join(', ');
}

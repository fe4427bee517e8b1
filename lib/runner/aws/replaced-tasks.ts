/**
 * Pure: `tasks.replaced` on AWS — tasks ECS stopped from the fault on because a health check
 * failed (DESIGN "Figures"). Which tasks stopped comes from the service's events
 * (`(service S) has stopped 1 running tasks: (task ID).`); why, from the stopped task's
 * `stoppedReason` in DescribeTasks. ECS writes `Task failed ELB health checks in (target-group …)`
 * and `Task failed container health checks` there (ECS Developer Guide, "Amazon ECS stopped task
 * errors"; the exact wording is matched by its phrase, not confirmed against every platform
 * version). A task ECS no longer describes counts when a service event said it `failed container
 * health checks` (ECS service event messages).
 */
import type { ServiceTimelineEvent } from './service-events';
import { taskIdOf, type TaskView } from './service-api';

/** A stop reason (or service event) that names a failed container or load-balancer health check. */
export const HEALTH_CHECK_STOP = /failed (container|ELB|load balancer) health checks?/i;

/** The ids of the tasks ECS stopped at or after `from`, by its service events. */
export function stoppedTaskIds(timeline: readonly ServiceTimelineEvent[], from: Date): string[] {
  const ids = timeline.filter((e) => e.at.getTime() >= from.getTime() && (e.event === 'stopped' || HEALTH_CHECK_STOP.test(e.detail))).flatMap((e) => e.tasks);
  return [...new Set(ids)];
}

export interface ReplacedFacts {
  /** The service's events of the window; undefined when DescribeServices failed. */
  readonly timeline?: readonly ServiceTimelineEvent[];
  readonly faultStart: Date;
  /** What DescribeTasks said about the stopped tasks (and any others; only the stopped ones count). */
  readonly tasks: readonly TaskView[];
  /** Stopped task ids ECS did not describe (gone, or the call failed). */
  readonly undescribed: readonly string[];
  /** Set when ECS's newest 100 events do not reach back to the fault (eventsLimitNote). */
  readonly eventsIncomplete?: boolean;
}

/**
 * The count, or why it is left unmeasured. A count above 0 stands even when some facts are
 * missing (it can only be higher); 0 stands only when every stopped task's reason was read and the
 * events reach back to the fault.
 */
export function replacedByHealthCheck(facts: ReplacedFacts): { readonly value?: number; readonly why?: string } {
  if (!facts.timeline) return { why: 'the ECS service events could not be read, so which tasks stopped is not known' };
  const stopped = stoppedTaskIds(facts.timeline, facts.faultStart);
  const said = new Set(facts.timeline.filter((e) => e.at.getTime() >= facts.faultStart.getTime() && HEALTH_CHECK_STOP.test(e.detail)).flatMap((e) => e.tasks));
  const byReason = new Set(facts.tasks.filter((t) => t.lastStatus === 'STOPPED' && HEALTH_CHECK_STOP.test(t.stoppedReason ?? '')).map((t) => taskIdOf(t.id || t.arn)));
  const replaced = stopped.filter((id) => byReason.has(id) || said.has(id)).length;
  if (replaced > 0) return { value: replaced };
  const unknown = facts.undescribed.filter((id) => !said.has(taskIdOf(id)));
  if (unknown.length > 0) return { why: `ECS did not describe ${unknown.length} stopped task(s) (${unknown.map(taskIdOf).join(', ')}), so why they stopped is not known` };
  if (facts.eventsIncomplete) return { why: "ECS's newest 100 service events do not reach back to the fault, so tasks stopped early in the window may be missing" };
  return { value: 0 };
}

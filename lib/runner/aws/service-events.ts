/**
 * Pure: ECS service event messages → timeline entries, and the replacement figures they give.
 * Message formats as ECS writes them (fis-facts §9):
 *   (service S) has started 1 tasks: (task ID).
 *   (service S) registered 1 targets in (target-group ARN)
 *   (service S) has stopped 1 running tasks: (task ID).
 *   (service S) deregistered 1 targets in (target-group ARN)
 *   (service S, taskSet ecs-svc/N) has begun draining connections on 1 tasks.
 *   (service S) (task ID) (port P) is unhealthy in (target-group ARN) due to (...)
 *   (service S) has reached a steady state.
 *   (service S) (deployment ecs-svc/N) deployment completed.
 * AZ rebalancing (ECS Developer Guide, "Track Amazon ECS Availability Zone rebalancing"; the
 * guide writes them as `service (S) is not AZ balanced with … AZ Rebalancing in progress.` and
 * `service (S) is AZ balanced with …`, and the task starts as `… has started N tasks in
 * Availability Zone … to AZ Rebalance`). Not confirmed against a live service's log: matched by
 * the phrases, not the whole line.
 */
import type { Figures } from '../../drill/figures';
import type { TimelineKind } from '../samples';
import type { ServiceEventView } from './service-api';

export type ServiceEventKind =
  'started' | 'registered' | 'stopped' | 'deregistered' | 'draining' | 'unhealthy' | 'steady' | 'deployment-completed' | 'rebalancing-started' | 'rebalancing-completed' | 'other';

export interface ServiceTimelineEvent {
  readonly at: Date;
  readonly event: ServiceEventKind;
  readonly kind: TimelineKind;
  readonly tasks: readonly string[];
  readonly detail: string;
}

const PATTERNS: readonly [RegExp, ServiceEventKind][] = [
  [/\bis not AZ balanced\b|AZ Rebalancing in progress/i, 'rebalancing-started'],
  [/\bis AZ balanced\b/i, 'rebalancing-completed'],
  [/has started \d+ tasks?/, 'started'],
  [/\bregistered \d+ targets?/, 'registered'],
  [/has stopped \d+ running tasks?/, 'stopped'],
  [/\bderegistered \d+ targets?/, 'deregistered'],
  [/has begun draining connections/, 'draining'],
  [/is unhealthy in/, 'unhealthy'],
  [/has reached a steady state/, 'steady'],
  [/deployment completed/, 'deployment-completed'],
];

/** Timeline kinds for each ECS event; events without a kind of their own stay `service-event`. */
const KIND: Record<ServiceEventKind, TimelineKind> = {
  started: 'task-started',
  registered: 'service-event',
  stopped: 'task-exited',
  deregistered: 'target-deregistered',
  draining: 'service-event',
  unhealthy: 'target-unhealthy',
  steady: 'steady',
  'deployment-completed': 'service-event',
  'rebalancing-started': 'service-event',
  'rebalancing-completed': 'service-event',
  other: 'service-event',
};

export function classifyServiceEvent(message: string): ServiceEventKind {
  // "deregistered" contains "registered": test it first.
  if (/\bderegistered \d+ targets?/.test(message)) return 'deregistered';
  return PATTERNS.find(([re]) => re.test(message))?.[1] ?? 'other';
}

export function taskIdsIn(message: string): string[] {
  return [...message.matchAll(/\(task ([0-9a-zA-Z-]+)\)/g)].map((m) => m[1]);
}

/** The service's events inside [from, to], oldest first, as timeline events. */
export function serviceTimeline(events: readonly ServiceEventView[], from: Date, to: Date): ServiceTimelineEvent[] {
  return events
    .filter((e) => e.createdAt.getTime() >= from.getTime() && e.createdAt.getTime() <= to.getTime())
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((e) => {
      const event = classifyServiceEvent(e.message);
      const label = event === 'rebalancing-started' ? 'AZ rebalancing started: ' : event === 'rebalancing-completed' ? 'AZ rebalancing completed: ' : '';
      return { at: e.createdAt, event, kind: event === 'started' ? 'replacement-started' : KIND[event], tasks: taskIdsIn(e.message), detail: `${label}${e.message}` };
    });
}

/**
 * replacement.launchSeconds: fault start → first "has started" event after it;
 * replacement.healthySeconds: fault start → first "registered … targets" after that (the
 * replacement is in the target group; ECS logs this once the target is registered, before or
 * as the ALB marks it healthy). Left out (unmeasured) when the events do not show it.
 */
export function replacementFigures(timeline: readonly ServiceTimelineEvent[], faultStart: Date): Figures {
  const after = timeline.filter((e) => e.at.getTime() >= faultStart.getTime());
  const started = after.find((e) => e.event === 'started');
  const registered = started ? after.find((e) => e.event === 'registered' && e.at.getTime() >= started.at.getTime()) : undefined;
  const seconds = (e: ServiceTimelineEvent) => round1((e.at.getTime() - faultStart.getTime()) / 1000);
  const figures: Figures = {};
  if (started) figures['replacement.launchSeconds'] = seconds(started);
  if (registered) figures['replacement.healthySeconds'] = seconds(registered);
  return figures;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * Pure: where AZ rebalancing stands after `since`: `pending` when the last rebalancing event is
 * a start, `completed` (with its time) when a completion follows the last start, `none` when
 * ECS logged neither.
 */
export function rebalancingState(timeline: readonly ServiceTimelineEvent[], since: Date): { state: 'none' | 'pending' | 'completed'; at?: Date } {
  const events = timeline.filter((e) => (e.event === 'rebalancing-started' || e.event === 'rebalancing-completed') && e.at.getTime() >= since.getTime());
  const last = events.at(-1);
  if (!last) return { state: 'none' };
  return last.event === 'rebalancing-started' ? { state: 'pending', at: last.at } : { state: 'completed', at: last.at };
}

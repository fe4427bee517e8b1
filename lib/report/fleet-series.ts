/**
 * The timeline → tasks running and targets healthy over time, as step series: the data of the
 * fleet chart. Locally every task start, exit and health change is on the timeline (named
 * tasks). On AWS the ECS service events give starts, stops, deregistrations and unhealthy
 * targets, often without naming the task: those move the count by the number in the message,
 * from the count the runner last read ("running 2/2") or the config's desired count. Pure.
 */
import type { Journal } from '../runner/journal';
import type { TimelineEvent } from '../runner/samples';

export type FleetSeriesName = 'tasks running' | 'targets healthy';

export interface FleetPoint {
  /** Seconds on the run's axis. */
  readonly t: number;
  readonly series: FleetSeriesName;
  readonly value: number;
}

/** A count with named members (local task ids) and anonymous ones (AWS events without ids). */
class Count {
  private readonly named = new Set<string>();
  private anonymous = 0;
  constructor(start: number) {
    this.anonymous = start;
  }
  add(task: string | undefined, n: number): void {
    if (task !== undefined) this.named.add(task);
    else this.anonymous += n;
  }
  remove(task: string | undefined, n: number): void {
    if (task !== undefined && this.named.delete(task)) return;
    this.anonymous = Math.max(0, this.anonymous - (task !== undefined ? 1 : n));
  }
  get value(): number {
    return this.named.size + this.anonymous;
  }
}

const countIn = (e: TimelineEvent): number => Number(/(\d+) (?:running )?(?:tasks?|targets?)\b/.exec(e.detail ?? '')?.[1] ?? 1);

/** Where the counts start: 0 when the fleet's start is on the timeline, else the first count the runner read or the desired count. */
function baseline(journal: Journal, what: 'running' | 'healthy'): number {
  if (journal.timeline.some((e) => e.kind === 'task-started' && e.task !== undefined && e.atMs <= (journal.timeline.find((x) => x.kind === 'fault-injected')?.atMs ?? Infinity))) return 0;
  const seen = journal.timeline.map((e) => new RegExp(`${what} (\\d+)/(\\d+)`).exec(e.detail ?? '')).find((m) => m !== null);
  if (seen) return Number(seen[1]);
  // a steady service has every running task healthy
  if (what === 'healthy') return baseline(journal, 'running');
  const desired = (journal.settings.service as { desiredCount?: unknown } | undefined)?.desiredCount;
  return typeof desired === 'number' ? desired : 0;
}

export function fleetSeries(journal: Journal, endS: number): FleetPoint[] {
  const running = new Count(baseline(journal, 'running'));
  const healthy = new Count(baseline(journal, 'healthy'));
  const points: FleetPoint[] = [];
  const push = (t: number): void => {
    points.push({ t, series: 'tasks running', value: running.value }, { t, series: 'targets healthy', value: healthy.value });
  };
  push(0);
  for (const e of journal.timeline) {
    const n = countIn(e);
    switch (e.kind) {
      case 'task-started':
      case 'replacement-started':
        running.add(e.task, n);
        break;
      case 'task-exited':
        // the load balancer still counts a dead target healthy until its checks say otherwise
        running.remove(e.task, n);
        break;
      case 'target-healthy':
        healthy.add(e.task, n);
        break;
      case 'target-unhealthy':
      case 'target-deregistered':
        healthy.remove(e.task, n);
        break;
      case 'service-event':
        if (/\bregistered \d+ targets?/.test(e.detail ?? '') && !/deregistered/.test(e.detail ?? '')) healthy.add(undefined, n);
        else continue;
        break;
      default:
        continue;
    }
    push(Math.round(e.atMs) / 1000);
  }
  push(endS);
  return points;
}

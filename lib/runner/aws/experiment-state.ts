/**
 * Pure mapping from what FIS says about an experiment to the runner's FaultInjection (issue 5
 * §4): completed with its fault delivered → injected (then judged); stopped without our
 * StopExperiment → aborted, naming the alarms in ALARM; our own stop → aborted; failed →
 * error with FIS's error; cancelled → aborted (safety lever); zero resolved targets or a
 * skipped action → not injected, never a pass.
 */
import type { FaultInjection } from '../engine';
import type { TimelineEntry } from '../samples';
import { FINAL_STATUSES, type ExperimentStatus, type ExperimentView, type ResolvedTargetView } from './fis-api';

export interface OutcomeFacts {
  readonly experiment: ExperimentView;
  /** undefined when the resolved targets could not be listed. */
  readonly resolvedTargets?: readonly ResolvedTargetView[];
  /** Set when this runner called StopExperiment, with why (e.g. "SIGINT"). */
  readonly stoppedByUs?: string;
  /** Names of the template's stop-condition alarms that were in ALARM when it stopped. */
  readonly alarmsInAlarm: readonly string[];
}

export function isFinal(status: ExperimentStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** The ids (last ARN segment) of the resources FIS resolved as targets. */
export function targetIdsOf(resolved: readonly ResolvedTargetView[]): string[] {
  const ids: string[] = [];
  for (const t of resolved) {
    const values = Object.values(t.information);
    const arn = values.find((v) => v.startsWith('arn:')) ?? values[0];
    if (arn) ids.push(arn.split('/').pop() ?? arn);
  }
  return [...new Set(ids)];
}

/** The ECS tasks among the resolved targets (an az-outage also resolves subnets). */
export function taskTargetIdsOf(resolved: readonly ResolvedTargetView[] | undefined): string[] {
  return targetIdsOf((resolved ?? []).filter((t) => t.resourceType === 'aws:ecs:task'));
}

/** Actions that ran (or began to): their fault reached something. */
function deliveredActions(e: ExperimentView): string[] {
  return e.actions.filter((a) => ['running', 'completed', 'stopping', 'stopped'].includes(a.status) && a.startTime !== undefined).map((a) => a.name);
}

export function injectionOf(facts: OutcomeFacts): FaultInjection {
  const { experiment: e } = facts;
  const targets = facts.resolvedTargets ? targetIdsOf(facts.resolvedTargets) : [];
  const injectedSomething = deliveredActions(e).length > 0 && (facts.resolvedTargets === undefined || targets.length > 0);
  const fisReason = e.reason ? ` (FIS: ${e.reason})` : '';
  switch (e.status) {
    case 'completed': {
      const skipped = e.actions.filter((a) => a.status === 'skipped');
      if (skipped.length > 0) {
        const why = skipped.map((a) => `${a.name}${a.reason ? `: ${a.reason}` : ''}`).join('; ');
        return { injected: false, targets, reason: `FIS skipped action(s) ${why}` };
      }
      if (facts.resolvedTargets !== undefined && targets.length === 0) return { injected: false, targets, reason: 'FIS resolved zero targets' };
      return { injected: true, targets };
    }
    case 'stopped': {
      if (facts.stoppedByUs) return { injected: injectedSomething, targets, aborted: `stopped by the operator (${facts.stoppedByUs}) with StopExperiment${fisReason}` };
      const alarms = facts.alarmsInAlarm.length > 0 ? `alarm(s) in ALARM: ${facts.alarmsInAlarm.join(', ')}` : 'no stop-condition alarm was in ALARM when checked';
      return { injected: injectedSomething, targets, aborted: `stop condition tripped — ${alarms}${fisReason}` };
    }
    case 'cancelled':
      return { injected: injectedSomething, targets, aborted: `cancelled by FIS: a safety lever is engaged${fisReason}` };
    case 'failed': {
      const err = e.error ? ` [${[e.error.code, e.error.location].filter(Boolean).join(' at ')}]` : '';
      const zero = facts.resolvedTargets !== undefined && targets.length === 0 ? '; FIS resolved zero targets' : '';
      return { injected: injectedSomething, targets, error: `FIS experiment ${e.id} failed: ${e.reason ?? 'no reason given'}${err}${zero}` };
    }
    default:
      return { injected: injectedSomething, targets, error: `FIS experiment ${e.id} is still ${e.status}; the runner stopped watching it` };
  }
}

/** Timeline entries for what changed between two observations of one experiment. */
export function progressEntries(previous: ExperimentView | undefined, next: ExperimentView): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  if (previous?.status !== next.status) {
    entries.push({ kind: 'experiment-state', detail: `experiment ${next.id} ${next.status}${next.reason ? `: ${next.reason}` : ''}` });
  }
  for (const action of next.actions) {
    const before = previous?.actions.find((a) => a.name === action.name);
    if (before?.status === action.status) continue;
    entries.push({ kind: 'action-state', detail: `action ${action.name} (${action.actionId ?? '?'}) ${action.status}${action.reason ? `: ${action.reason}` : ''}` });
  }
  return entries;
}

/** One line for live progress: `running · stop-task running 12s`. */
export function progressLine(e: ExperimentView, now: Date): string {
  const actions = e.actions.map((a) => {
    const since = a.startTime ? ` ${Math.max(0, Math.round(((a.endTime ?? now).getTime() - a.startTime.getTime()) / 1000))}s` : '';
    return `${a.name} ${a.status}${since}`;
  });
  return [`experiment ${e.id} ${e.status}`, ...actions].join(' · ');
}

/** Alarm name from an alarm ARN (`arn:aws:cloudwatch:<region>:<acct>:alarm:<name>`). */
export function alarmNameOf(arn: string): string {
  const i = arn.indexOf(':alarm:');
  return i >= 0 ? arn.slice(i + ':alarm:'.length) : arn;
}

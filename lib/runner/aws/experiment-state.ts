/**
 * Pure mapping from what FIS says about an experiment to the runner's FaultInjection (issue 5
 * §4): completed with its fault delivered → injected (then judged); stopped without our
 * StopExperiment → aborted, naming the alarms in ALARM; our own stop → aborted; failed →
 * error with FIS's error; cancelled → aborted (safety lever); zero resolved targets or a
 * skipped action → not injected, never a pass.
 *
 * Templates guard themselves (lib/fis/alarm-checks.ts): a failed pre-check of the stop-condition
 * alarms, or a stop before the pre-check passed and before any fault action ran, is NOT_INJECTED
 * naming the alarms — FIS refused to inject into an unhealthy service; it is neither a pass nor
 * an infrastructure error. The checks and the recovery wait are never counted as the fault.
 */
import { ALARM_CHECK_ACTIONS, POST_CHECK_ACTION, PRE_CHECK_ACTION } from '../../fis/alarm-checks';
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
  /** The stop-condition alarms that were not OK when a check failed, as `name (STATE)`. */
  readonly alarmsNotOk?: readonly string[];
}

const FINAL_ACTION_STATUSES = ['completed', 'cancelled', 'skipped', 'stopped', 'failed'];

/** The actions that are the drill's fault (not the alarm checks or the recovery wait). */
export function faultActionsOf(e: ExperimentView): ExperimentView['actions'] {
  return e.actions.filter((a) => !ALARM_CHECK_ACTIONS.includes(a.name));
}

/**
 * The experiment still runs only its recovery wait or post-check: every fault action is over.
 * The runner then measures recovery while FIS waits out the window (else recovery.seconds would
 * include FIS's wait).
 */
export function faultDelivered(e: ExperimentView): boolean {
  const fault = faultActionsOf(e);
  const pre = e.actions.find((a) => a.name === PRE_CHECK_ACTION);
  return !isFinal(e.status) && pre?.status === 'completed' && fault.length > 0 && fault.every((a) => FINAL_ACTION_STATUSES.includes(a.status));
}

/** The post-check's outcome: passed, failed (with FIS's reason), or not run (yet). */
export function postCheckOf(e: ExperimentView): { readonly status: 'passed' | 'failed' | 'not-run'; readonly reason?: string } {
  const post = e.actions.find((a) => a.name === POST_CHECK_ACTION);
  if (post?.status === 'completed') return { status: 'passed' };
  if (post?.status === 'failed') return { status: 'failed', reason: post.reason };
  return { status: 'not-run' };
}

/** Did FIS refuse to inject because the stop-condition alarms were not OK before the fault? */
function refusedBeforeFault(facts: OutcomeFacts): string | undefined {
  const e = facts.experiment;
  const pre = e.actions.find((a) => a.name === PRE_CHECK_ACTION);
  if (!pre || facts.stoppedByUs) return undefined;
  const faultStarted = faultActionsOf(e).some((a) => a.startTime !== undefined);
  const named = (facts.alarmsNotOk ?? []).length > 0 ? (facts.alarmsNotOk ?? []).join(', ') : 'none of the stop-condition alarms was still not OK when the runner read them';
  const fisReason = pre.reason ?? e.reason;
  const fis = fisReason ? ` (FIS: ${fisReason})` : '';
  if (pre.status === 'failed') return `FIS's check before the fault (${PRE_CHECK_ACTION}) found alarm(s) not OK: ${named}; nothing was injected${fis}`;
  if (e.status === 'stopped' && pre.status !== 'completed' && !faultStarted) {
    const alarms = facts.alarmsInAlarm.length > 0 ? facts.alarmsInAlarm.join(', ') : named;
    return `a stop-condition alarm was in ALARM before the fault (${alarms}); FIS stopped the experiment before injecting anything${fis}`;
  }
  return undefined;
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
  return faultActionsOf(e)
    .filter((a) => ['running', 'completed', 'stopping', 'stopped'].includes(a.status) && a.startTime !== undefined)
    .map((a) => a.name);
}

export function injectionOf(facts: OutcomeFacts): FaultInjection {
  const { experiment: e } = facts;
  const targets = facts.resolvedTargets ? targetIdsOf(facts.resolvedTargets) : [];
  const injectedSomething = deliveredActions(e).length > 0 && (facts.resolvedTargets === undefined || targets.length > 0);
  const fisReason = e.reason ? ` (FIS: ${e.reason})` : '';
  const refused = refusedBeforeFault(facts);
  if (refused) return { injected: false, targets: [], reason: refused };
  // The fault is over and FIS waits out the recovery window: judge the fault actions as if completed.
  const status = faultDelivered(e) ? 'completed' : e.status;
  switch (status) {
    case 'completed': {
      const skipped = faultActionsOf(e).filter((a) => a.status === 'skipped');
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
      // The post-check failing after the fault landed is a finding about the service, not an
      // infrastructure error: the fault counts as injected; the engine reports the alarms.
      if (postCheckOf(e).status === 'failed' && injectedSomething) return { injected: true, targets };
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
export function experimentLine(e: ExperimentView, now: Date): string {
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

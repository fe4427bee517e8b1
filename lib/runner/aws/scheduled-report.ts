/**
 * `drills report <experiment-id>`: evidence for an experiment a schedule (or anyone) started —
 * no probe data, so every stream and request figure is unmeasured (not judged). FIS states,
 * the service's ECS events and the CloudWatch metrics for the window.
 */
import type { Figures } from '../../drill/figures';
import type { CensoredFigures } from '../judge';
import type { FaultInjection } from '../engine';
import { collectEvidence, type Evidence } from './collect-evidence';
import { alarmNameOf, injectionOf, isFinal, taskTargetIdsOf } from './experiment-state';
import type { ExperimentView, FisApi } from './fis-api';
import type { MetricsApi } from './metrics-api';
import type { DeployedService } from './resolve-outputs';
import type { ServiceApi } from './service-api';
import { rebalancingState, type ServiceTimelineEvent } from './service-events';
import { DRILL_TAG, RUN_ID_TAG } from '../../contract';

export interface ScheduledReport {
  readonly experiment: ExperimentView;
  readonly drillId?: string;
  readonly injection: FaultInjection;
  readonly figures: Figures;
  readonly evidence: Evidence;
  readonly faultStart: Date;
  readonly end: Date;
  /** Figures the window could show but that were not reached in it (judged VIOLATED, not "not judged"). */
  readonly censored: CensoredFigures;
}

export interface ScheduledReportRequest {
  readonly fis: FisApi;
  readonly metrics: MetricsApi;
  readonly service: ServiceApi;
  readonly deployed: DeployedService;
  readonly experimentId: string;
  /** How long after the experiment ended to keep reading events and metrics. @default 600 s */
  readonly afterSeconds?: number;
  readonly now?: () => Date;
  /** Whether a drill's fault takes a zone away (ECS may rebalance after it). @default - none does */
  readonly isZoneDrill?: (drillId: string) => boolean;
}

export async function scheduledReport(req: ScheduledReportRequest): Promise<ScheduledReport> {
  const experiment = await req.fis.getExperiment(req.experimentId);
  const resolved = await req.fis.listResolvedTargets(experiment.id).catch(() => undefined);
  const historyNotes: string[] = [];
  let alarmsInAlarm: string[] = [];
  if (experiment.status === 'stopped' && experiment.templateId) {
    const template = await req.fis.getTemplate(experiment.templateId).catch(() => undefined);
    const names = template ? template.stopConditionAlarmArns.map(alarmNameOf) : [];
    const history = await alarmsInAlarmDuring(req.metrics, names, experiment.startTime, experiment.endTime);
    alarmsInAlarm = history.inAlarm;
    historyNotes.push(...history.notes);
  }
  const stoppedByRunner = experiment.tags[RUN_ID_TAG] !== undefined && experiment.status === 'stopped' && alarmsInAlarm.length === 0 ? 'a drills runner' : undefined;
  const injection = isFinal(experiment.status)
    ? injectionOf({ experiment, resolvedTargets: resolved, alarmsInAlarm, stoppedByUs: stoppedByRunner })
    : { injected: false, targets: [], error: `experiment ${experiment.id} is still ${experiment.status}: report it once it has ended` };
  const now = (req.now ?? (() => new Date()))();
  const faultStart = experiment.startTime ?? now;
  const endOfExperiment = experiment.endTime ?? now;
  const end = new Date(Math.min(now.getTime(), endOfExperiment.getTime() + (req.afterSeconds ?? 600) * 1000));
  const collected = await collectEvidence({ metrics: req.metrics, service: req.service, deployed: req.deployed, faultStart, end, targetTasks: taskTargetIdsOf(resolved), now });
  const evidence = { ...collected, notes: [...historyNotes, ...collected.notes] };
  const figures: Figures = { ...evidence.figures, 'fault.targets': injection.targets.length };
  // After a zone drill on a service that rebalances across zones, "back to steady" is the end of the rebalancing.
  const awaitRebalancing = experiment.tags[DRILL_TAG] !== undefined && (req.isZoneDrill?.(experiment.tags[DRILL_TAG]) ?? false) && evidence.service?.azRebalancing === 'ENABLED';
  const recovery = recoverySecondsFromEvents(evidence.timeline, faultStart, { awaitRebalancing });
  if (recovery !== undefined) figures['recovery.seconds'] = recovery;
  const censored: CensoredFigures = {};
  const stopped = evidence.timeline.some((e) => e.event === 'stopped' && e.at.getTime() >= faultStart.getTime());
  if (recovery === undefined && stopped && injection.injected && isFinal(experiment.status)) {
    const pending = awaitRebalancing && rebalancingState(evidence.timeline, faultStart).state === 'pending';
    const seconds = Math.round((end.getTime() - faultStart.getTime()) / 1000);
    censored['recovery.seconds'] = {
      above: seconds,
      reason: pending ? `ECS had not finished AZ rebalancing ${seconds} s after the fault started` : `no steady state in the events ${seconds} s after the fault started`,
    };
  }
  return { experiment, drillId: experiment.tags[DRILL_TAG], injection, figures, evidence, faultStart, end, censored };
}

/**
 * The stop-condition alarms that were in ALARM during the experiment, from their history (not
 * their state now, which hours later may name the wrong alarm or none). An alarm counts when it
 * changed to ALARM inside [start, end], or its last change before `start` left it in ALARM.
 * DescribeAlarmHistory API reference; history is kept 30 days (older: a note, nothing named).
 */
export async function alarmsInAlarmDuring(metrics: MetricsApi, names: readonly string[], start: Date | undefined, end: Date | undefined): Promise<{ inAlarm: string[]; notes: string[] }> {
  const inAlarm: string[] = [];
  const notes: string[] = [];
  if (!start) return { inAlarm, notes: names.length > 0 ? ['the experiment has no start time: alarm history not read'] : [] };
  const until = end ?? new Date();
  for (const name of names) {
    try {
      // A day before the start finds the state the alarm was already in.
      const changes = await metrics.alarmHistory(name, new Date(start.getTime() - 86_400_000), until);
      const before = changes.filter((c) => c.at.getTime() < start.getTime()).at(-1);
      const during = changes.filter((c) => c.at.getTime() >= start.getTime());
      if (before?.to === 'ALARM' || during.some((c) => c.to === 'ALARM')) inAlarm.push(name);
    } catch (err) {
      notes.push(`alarm history of ${name} unavailable: ${(err as Error).message}`);
    }
  }
  return { inAlarm, notes };
}

/**
 * Pure: fault start → the first "steady state" event after a task stopped (unmeasured without
 * one). With `awaitRebalancing` (a zone drill, AZ rebalancing ENABLED), a rebalancing ECS started
 * after the fault must also have completed: recovery is then the later of the two, and
 * unmeasured while the rebalancing is still pending.
 */
export function recoverySecondsFromEvents(timeline: readonly ServiceTimelineEvent[], faultStart: Date, options: { readonly awaitRebalancing?: boolean } = {}): number | undefined {
  const stopped = timeline.find((e) => e.event === 'stopped' && e.at.getTime() >= faultStart.getTime());
  if (!stopped) return undefined;
  const steady = timeline.find((e) => e.event === 'steady' && e.at.getTime() >= stopped.at.getTime());
  if (!steady) return undefined;
  let end = steady.at;
  if (options.awaitRebalancing) {
    const rebalancing = rebalancingState(timeline, faultStart);
    if (rebalancing.state === 'pending') return undefined;
    if (rebalancing.state === 'completed' && rebalancing.at && rebalancing.at.getTime() > end.getTime()) end = rebalancing.at;
  }
  return Math.round((end.getTime() - faultStart.getTime()) / 100) / 10;
}

/**
 * `drills report <experiment-id>`: evidence for an experiment a schedule (or anyone) started —
 * no probe data, so every stream and request figure is unmeasured (not judged). FIS states,
 * the service's ECS events and the CloudWatch metrics for the window.
 */
import type { Figures } from '../../drill/figures';
import type { FaultInjection } from '../engine';
import { collectEvidence, type Evidence } from './collect-evidence';
import { alarmNameOf, injectionOf, isFinal, taskTargetIdsOf } from './experiment-state';
import type { ExperimentView, FisApi } from './fis-api';
import type { MetricsApi } from './metrics-api';
import type { DeployedService } from './resolve-outputs';
import type { ServiceApi } from './service-api';
import type { ServiceTimelineEvent } from './service-events';
import { RUN_ID_TAG } from './fis-tags';

export interface ScheduledReport {
  readonly experiment: ExperimentView;
  readonly drillId?: string;
  readonly injection: FaultInjection;
  readonly figures: Figures;
  readonly evidence: Evidence;
  readonly faultStart: Date;
  readonly end: Date;
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
}

export async function scheduledReport(req: ScheduledReportRequest): Promise<ScheduledReport> {
  const experiment = await req.fis.getExperiment(req.experimentId);
  const resolved = await req.fis.listResolvedTargets(experiment.id).catch(() => undefined);
  let alarmsInAlarm: string[] = [];
  if (experiment.status === 'stopped' && experiment.templateId) {
    const template = await req.fis.getTemplate(experiment.templateId).catch(() => undefined);
    const alarms = template ? await req.metrics.describeAlarms(template.stopConditionAlarmArns.map(alarmNameOf)).catch(() => []) : [];
    alarmsInAlarm = alarms.filter((a) => a.state === 'ALARM').map((a) => a.name);
  }
  const stoppedByRunner = experiment.tags[RUN_ID_TAG] !== undefined && experiment.status === 'stopped' && alarmsInAlarm.length === 0 ? 'a drills runner' : undefined;
  const injection = isFinal(experiment.status)
    ? injectionOf({ experiment, resolvedTargets: resolved, alarmsInAlarm, stoppedByUs: stoppedByRunner })
    : { injected: false, targets: [], error: `experiment ${experiment.id} is still ${experiment.status}: report it once it has ended` };
  const now = (req.now ?? (() => new Date()))();
  const faultStart = experiment.startTime ?? now;
  const endOfExperiment = experiment.endTime ?? now;
  const end = new Date(Math.min(now.getTime(), endOfExperiment.getTime() + (req.afterSeconds ?? 600) * 1000));
  const evidence = await collectEvidence({ metrics: req.metrics, service: req.service, deployed: req.deployed, faultStart, end, targetTasks: taskTargetIdsOf(resolved) });
  const figures: Figures = { ...evidence.figures, 'fault.targets': injection.targets.length };
  const recovery = recoverySecondsFromEvents(evidence.timeline, faultStart);
  if (recovery !== undefined) figures['recovery.seconds'] = recovery;
  return { experiment, drillId: experiment.tags.drill, injection, figures, evidence, faultStart, end };
}

/** Pure: fault start → the first "steady state" event after a task stopped (unmeasured without one). */
export function recoverySecondsFromEvents(timeline: readonly ServiceTimelineEvent[], faultStart: Date): number | undefined {
  const stopped = timeline.find((e) => e.event === 'stopped' && e.at.getTime() >= faultStart.getTime());
  if (!stopped) return undefined;
  const steady = timeline.find((e) => e.event === 'steady' && e.at.getTime() >= stopped.at.getTime());
  return steady ? Math.round((steady.at.getTime() - faultStart.getTime()) / 100) / 10 : undefined;
}

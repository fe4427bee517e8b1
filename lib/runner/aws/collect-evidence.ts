/**
 * After a drill (or a scheduled experiment): the service's ECS events for the window, the
 * stopped target tasks (SIGKILL or not), and the CloudWatch metrics, in as few GetMetricData
 * calls as possible, at a period CloudWatch still keeps for the window's age. Adapters in,
 * pure results out; every part that fails or comes back incomplete is reported as a note (and
 * lands in the journal and report), its figures left unmeasured rather than guessed.
 */
import type { FigureName, Figures } from '../../drill/figures';
import { batchQueries, metricFigures, metricWindow, windowQueries } from './metric-queries';
import { metricPeriodFor } from './metric-period';
import { metricReadings } from './metric-readings';
import type { MetricReading } from '../samples';
import type { MetricSeries, MetricsApi } from './metrics-api';
import type { DeployedService } from './resolve-outputs';
import { replacementFigures, serviceTimeline, type ServiceTimelineEvent } from './service-events';
import { MAX_SERVICE_EVENTS, type ServiceApi, type ServiceView, type TaskView } from './service-api';
import { sigkilledCount } from './task-figures';
import { replacedByHealthCheck, stoppedTaskIds } from './replaced-tasks';

export interface EvidenceRequest {
  readonly metrics: MetricsApi;
  readonly service: ServiceApi;
  readonly deployed: DeployedService;
  readonly faultStart: Date;
  readonly end: Date;
  /** Task ids or ARNs the fault hit (resolved targets). */
  readonly targetTasks: readonly string[];
  /** @default - chosen from the window's age (metricPeriodFor) */
  readonly periodSeconds?: number;
  /** @default new Date() */
  readonly now?: Date;
}

export interface Evidence {
  readonly figures: Figures;
  readonly timeline: readonly ServiceTimelineEvent[];
  readonly tasks: readonly TaskView[];
  /** The service as ECS described it when the evidence was read (undefined when that failed). */
  readonly service?: ServiceView;
  readonly getMetricDataCalls: number;
  readonly periodSeconds: number;
  /** Every datapoint CloudWatch gave for the window (the journal's `samples.metrics`), oldest first. */
  readonly metrics: readonly MetricReading[];
  /** Incomplete or failed parts, one line each. */
  readonly notes: readonly string[];
  /** Why a figure these facts give is missing this time (tasks.replaced, dependency.connections.peak), for "not judged". */
  readonly unmeasured: Partial<Record<FigureName, string>>;
}

export async function collectEvidence(req: EvidenceRequest): Promise<Evidence> {
  const notes: string[] = [];
  const { clusterName, serviceName } = req.deployed;
  const from = new Date(req.faultStart.getTime() - 60_000);
  let timeline: ServiceTimelineEvent[] = [];
  let service: ServiceView | undefined;
  let eventsIncomplete = false;
  try {
    service = await req.service.describeService(clusterName, serviceName);
    timeline = serviceTimeline(service.events, from, req.end);
    const note = eventsLimitNote(service, from);
    if (note) notes.push(note);
    eventsIncomplete = note !== undefined;
  } catch (err) {
    notes.push(`ECS service events unavailable: ${(err as Error).message}`);
  }
  let tasks: TaskView[] = [];
  let tasksIncomplete = false;
  if (req.targetTasks.length > 0) {
    try {
      const described = await req.service.describeTasks(clusterName, req.targetTasks);
      tasks = [...described.tasks];
      if (described.failures.length > 0) {
        tasksIncomplete = true;
        const reasons = [...new Set(described.failures.map((f) => f.reason))].join(', ');
        notes.push(
          `tasks.sigkilled incomplete: ECS did not describe ${described.failures.length} of ${req.targetTasks.length} target task(s) (${reasons}; ECS keeps stopped tasks for about an hour): ${described.failures.map((f) => f.arn.split('/').pop()).join(', ')}`,
        );
      }
    } catch (err) {
      notes.push(`ECS DescribeTasks failed: ${(err as Error).message}`);
    }
  }
  const replaced = await replacedTasks(req, service ? timeline : undefined, tasks, eventsIncomplete, notes);
  const choice = req.periodSeconds !== undefined ? { periodSeconds: req.periodSeconds } : metricPeriodFor(req.faultStart, req.now ?? new Date());
  const period = choice.periodSeconds;
  if ('note' in choice && choice.note) notes.push(choice.note);
  const series: MetricSeries[] = [];
  let calls = 0;
  const window = metricWindow(req.faultStart, req.end, period);
  const queries = windowQueries(req.deployed, period);
  for (const batch of batchQueries(queries)) {
    try {
      calls++;
      const data = await req.metrics.getMetricData(batch, window.start, window.end);
      series.push(...data.series);
      for (const m of data.messages) notes.push(`CloudWatch GetMetricData: ${m}`);
    } catch (err) {
      notes.push(`CloudWatch GetMetricData failed: ${(err as Error).message}`);
    }
  }
  for (const s of series) {
    if (s.statusCode && s.statusCode !== 'Complete') notes.push(`CloudWatch ${s.id}: ${s.statusCode}${s.messages?.length ? ` (${s.messages.join('; ')})` : ''}; its figure may be missing datapoints`);
  }
  const figures: Figures = { ...metricFigures(series), ...replacementFigures(timeline, req.faultStart) };
  // With some target tasks gone from ECS, a count over the rest could read 0 where a SIGKILL went unseen.
  const sigkilled = sigkilledCount(tasks);
  if (sigkilled !== undefined && (!tasksIncomplete || sigkilled > 0)) figures['tasks.sigkilled'] = sigkilled;
  const unmeasured: Evidence['unmeasured'] = {};
  if (replaced.value !== undefined) figures['tasks.replaced'] = replaced.value;
  else if (replaced.why) unmeasured['tasks.replaced'] = replaced.why;
  const cluster = req.deployed.databaseClusterIdentifier;
  if (cluster && figures['dependency.connections.peak'] === undefined) {
    unmeasured['dependency.connections.peak'] = `CloudWatch gave no AWS/RDS DatabaseConnections datapoint for DBClusterIdentifier ${cluster} in the window`;
  }
  return { figures, timeline, tasks, service, getMetricDataCalls: calls, periodSeconds: period, metrics: metricReadings(series, queries), notes, unmeasured };
}

/**
 * tasks.replaced: the tasks ECS stopped from the fault on (its service events), described once
 * more unless they were target tasks already described, counted by their stop reason
 * (replaced-tasks.ts). `timeline` undefined: DescribeServices failed.
 */
async function replacedTasks(req: EvidenceRequest, timeline: readonly ServiceTimelineEvent[] | undefined, described: readonly TaskView[], eventsIncomplete: boolean, notes: string[]) {
  const stopped = timeline ? stoppedTaskIds(timeline, req.faultStart) : [];
  const known = new Set(described.map((t) => t.id));
  const ask = stopped.filter((id) => !known.has(id));
  const tasks = [...described];
  let undescribed: string[] = [];
  if (ask.length > 0) {
    try {
      const more = await req.service.describeTasks(req.deployed.clusterName, ask);
      tasks.push(...more.tasks);
      undescribed = more.failures.map((f) => f.arn);
    } catch (err) {
      undescribed = ask;
      notes.push(`ECS DescribeTasks of the stopped tasks failed: ${(err as Error).message}`);
    }
  }
  return replacedByHealthCheck({ timeline, faultStart: req.faultStart, tasks, undescribed, eventsIncomplete });
}

/**
 * Pure: ECS returned its maximum of events and the oldest is newer than the window's start, so
 * earlier events of the window are gone (DescribeServices API reference: the newest 100).
 */
export function eventsLimitNote(service: ServiceView, windowStart: Date): string | undefined {
  if (service.events.length < MAX_SERVICE_EVENTS) return undefined;
  const oldest = Math.min(...service.events.map((e) => e.createdAt.getTime()));
  if (oldest <= windowStart.getTime()) return undefined;
  return `timeline incomplete: ECS returns only the newest ${MAX_SERVICE_EVENTS} service events and the oldest it returned is ${new Date(oldest).toISOString()}, after the window's start ${windowStart.toISOString()}; events (and replacement figures) before it are missing`;
}

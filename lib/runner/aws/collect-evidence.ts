/**
 * After a drill (or a scheduled experiment): the service's ECS events for the window, the
 * stopped target tasks (SIGKILL or not), and the CloudWatch metrics, in as few GetMetricData
 * calls as possible. Adapters in, pure results out; every part that fails is reported as a
 * note and its figures left unmeasured.
 */
import type { Figures } from '../../drill/figures';
import { batchQueries, metricFigures, metricWindow, windowQueries } from './metric-queries';
import type { MetricSeries, MetricsApi } from './metrics-api';
import type { DeployedService } from './resolve-outputs';
import { replacementFigures, serviceTimeline, type ServiceTimelineEvent } from './service-events';
import type { ServiceApi, TaskView } from './service-api';
import { sigkilledCount } from './task-figures';

export interface EvidenceRequest {
  readonly metrics: MetricsApi;
  readonly service: ServiceApi;
  readonly deployed: DeployedService;
  readonly faultStart: Date;
  readonly end: Date;
  /** Task ids or ARNs the fault hit (resolved targets). */
  readonly targetTasks: readonly string[];
  readonly periodSeconds?: number;
}

export interface Evidence {
  readonly figures: Figures;
  readonly timeline: readonly ServiceTimelineEvent[];
  readonly tasks: readonly TaskView[];
  readonly getMetricDataCalls: number;
  readonly notes: readonly string[];
}

export async function collectEvidence(req: EvidenceRequest): Promise<Evidence> {
  const notes: string[] = [];
  const { clusterName, serviceName } = req.deployed;
  let timeline: ServiceTimelineEvent[] = [];
  try {
    const service = await req.service.describeService(clusterName, serviceName);
    timeline = serviceTimeline(service.events, new Date(req.faultStart.getTime() - 60_000), req.end);
  } catch (err) {
    notes.push(`ECS service events unavailable: ${(err as Error).message}`);
  }
  let tasks: TaskView[] = [];
  if (req.targetTasks.length > 0) {
    try {
      tasks = [...(await req.service.describeTasks(clusterName, req.targetTasks))];
    } catch (err) {
      notes.push(`ECS DescribeTasks failed: ${(err as Error).message}`);
    }
  }
  const series: MetricSeries[] = [];
  let calls = 0;
  const period = req.periodSeconds ?? 60;
  const window = metricWindow(req.faultStart, req.end, period);
  for (const batch of batchQueries(windowQueries(req.deployed, period))) {
    try {
      calls++;
      series.push(...(await req.metrics.getMetricData(batch, window.start, window.end)));
    } catch (err) {
      notes.push(`CloudWatch GetMetricData failed: ${(err as Error).message}`);
    }
  }
  const figures: Figures = { ...metricFigures(series), ...replacementFigures(timeline, req.faultStart) };
  const sigkilled = sigkilledCount(tasks);
  if (sigkilled !== undefined) figures['tasks.sigkilled'] = sigkilled;
  return { figures, timeline, tasks, getMetricDataCalls: calls, notes };
}

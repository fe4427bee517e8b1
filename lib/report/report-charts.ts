/**
 * journal → the run's charts on one time axis, rendered to SVG: requests over time, the
 * stream/job swimlane, tasks running and targets healthy. A chart with no data to show is
 * left out with the reason, never drawn empty. Rejects only if Vega fails to render.
 */
import type { Journal } from '../runner/journal';
import { fleetChart } from './fleet-chart';
import { fleetMetrics } from './fleet-metrics';
import { lanesTitle } from './lanes-title';
import { fleetSeries } from './fleet-series';
import { renderSvg } from './render-svg';
import { binWidth, requestSeries } from './request-series';
import { requestsChart } from './requests-chart';
import { runMarks } from './run-marks';
import { streamLanes } from './stream-lanes';
import { streamsChart } from './streams-chart';

export interface ReportChart {
  /** The file written next to report.md, e.g. `chart-requests.svg`. */
  readonly file: string;
  readonly title: string;
  /** What the chart shows, for alt text and the markdown link. */
  readonly alt: string;
  readonly svg?: string;
  /** Why it was left out (no data). */
  readonly missing?: string;
}

export async function reportCharts(journal: Journal): Promise<ReportChart[]> {
  const marks = runMarks(journal);
  const { requests } = journal.samples;
  const width = binWidth(marks.endS);
  const lanes = streamLanes(journal);
  const moves = journal.timeline.some((e) => ['task-started', 'replacement-started', 'task-exited', 'target-healthy', 'target-unhealthy', 'target-deregistered'].includes(e.kind));
  const fleet = moves ? fleetSeries(journal, marks.endS) : [];
  const metrics = fleetMetrics(journal, marks.endS);
  const configured = (journal.settings.service as { desiredCount?: unknown } | undefined)?.desiredCount;
  const desired = typeof configured === 'number' ? configured : metrics.desired;
  const source = fleetSource(journal.mode, moves, metrics.reads.length > 0, metrics.periods.length > 0);
  const swimlane = lanesTitle(lanes);
  const charts: ReportChart[] = [
    {
      file: 'chart-requests.svg',
      title: 'Requests over time',
      alt: 'requests per time bin, succeeded and failed by status, with the fault and recovery marked',
      ...(requests.length > 0 ? { svg: await renderSvg(requestsChart(requestSeries(requests, width), marks, width)) } : { missing: 'no probe requests in this run' }),
    },
    {
      file: 'chart-streams.svg',
      title: swimlane.title,
      alt: `one bar per ${swimlane.item} from start to end, grouped by task, clean or broken, with first token and breaks marked`,
      ...(lanes.length > 0 ? { svg: await renderSvg(streamsChart(lanes, marks)) } : { missing: 'no probe streams or jobs in this run' }),
    },
    {
      file: 'chart-fleet.svg',
      title: 'Tasks running and targets healthy',
      alt: `tasks running and targets healthy over time, ${source}`,
      ...(moves || metrics.series.length > 0
        ? { svg: await renderSvg(fleetChart(fleet, marks, source, desired, metrics)) }
        : {
            missing: journal.mode === 'local' ? 'no task or target events in the timeline' : 'no task or target events in the timeline, and no ECS or CloudWatch fleet datapoints in the run’s window',
          }),
    },
  ];
  return charts;
}

/** Where the fleet chart's data came from, in words (its subtitle). */
function fleetSource(mode: string, events: boolean, reads: boolean, periods: boolean): string {
  if (mode === 'local') return 'from the local fleet’s timeline';
  const parts = [events ? 'ECS service events (steps)' : '', reads ? 'ECS DescribeServices reads (points)' : '', periods ? 'CloudWatch datapoints (a bar per period)' : ''].filter(Boolean);
  return `from ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? 'nothing')}`;
}

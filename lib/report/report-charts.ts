/**
 * journal → the run's charts on one time axis, rendered to SVG: requests over time, the
 * stream/job swimlane, tasks running and targets healthy. A chart with no data to show is
 * left out with the reason, never drawn empty. Rejects only if Vega fails to render.
 */
import type { Journal } from '../runner/journal';
import { fleetChart } from './fleet-chart';
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
  const fleet = fleetSeries(journal, marks.endS);
  const desired = (journal.settings.service as { desiredCount?: unknown } | undefined)?.desiredCount;
  const moves = journal.timeline.some((e) => ['task-started', 'replacement-started', 'task-exited', 'target-healthy', 'target-unhealthy', 'target-deregistered'].includes(e.kind));
  const source = journal.mode === 'local' ? 'from the local fleet’s timeline' : 'from the ECS service events in the timeline';
  const charts: ReportChart[] = [
    {
      file: 'chart-requests.svg',
      title: 'Requests over time',
      alt: 'requests per time bin, succeeded and failed by status, with the fault and recovery marked',
      ...(requests.length > 0 ? { svg: await renderSvg(requestsChart(requestSeries(requests, width), marks, width)) } : { missing: 'no probe requests in this run' }),
    },
    {
      file: 'chart-streams.svg',
      title: 'Streams per task',
      alt: 'one bar per stream from start to end, grouped by task, clean or broken, with first token and breaks marked',
      ...(lanes.length > 0 ? { svg: await renderSvg(streamsChart(lanes, marks)) } : { missing: 'no probe streams in this run' }),
    },
    {
      file: 'chart-fleet.svg',
      title: 'Tasks running and targets healthy',
      alt: 'tasks running and targets healthy over time, as steps',
      ...(moves ? { svg: await renderSvg(fleetChart(fleet, marks, source, typeof desired === 'number' ? desired : undefined)) } : { missing: 'no task or target events in the timeline' }),
    },
  ];
  return charts;
}

import { fleetMetrics } from '../../lib/report/fleet-metrics';
import { reportCharts } from '../../lib/report/report-charts';
import type { Journal } from '../../lib/runner/journal';
import type { MetricSample } from '../../lib/runner/samples';
import { hardKillJournal } from './journal-fixture';

const origin = Date.UTC(2026, 10, 30, 12, 0, 0);
const sample = (atMs: number, fields: Omit<MetricSample, 'atMs' | 'at'>): MetricSample => ({ atMs, at: new Date(origin + atMs).toISOString(), ...fields });
const cw = (atMs: number, metric: string, value: number): MetricSample => sample(atMs, { source: 'cloudwatch', metric, stat: 'Minimum', periodSeconds: 60, value });
const ecs = (atMs: number, metric: 'runningCount' | 'desiredCount', value: number): MetricSample => sample(atMs, { source: 'ecs', metric, phase: 'fault', value });

/** An AWS run of 150 s: the task stopped at 30 s; ECS read 1 running at 35 s; CloudWatch's minute from 60 s saw 1 task, 1 healthy target. */
function awsJournal(): Journal {
  const base = hardKillJournal();
  return {
    ...base,
    mode: 'aws',
    settings: { templateId: 'EXT1' },
    timeline: [
      { atMs: 0, at: new Date(origin).toISOString(), kind: 'run-started' },
      { atMs: 30_000, at: new Date(origin + 30_000).toISOString(), kind: 'fault-injected', detail: 'targets: t1' },
      { atMs: 150_000, at: new Date(origin + 150_000).toISOString(), kind: 'run-ended', detail: 'HELD' },
    ],
    samples: {
      streams: [],
      requests: [],
      metrics: [
        cw(-20_000, 'RunningTaskCount', 2),
        cw(-20_000, 'RequestCount', 120),
        ecs(35_000, 'runningCount', 1),
        ecs(35_000, 'desiredCount', 2),
        ecs(40_000, 'runningCount', 2),
        ecs(40_000, 'desiredCount', 2),
        cw(40_000, 'RunningTaskCount', 1),
        cw(40_000, 'HealthyHostCount', 1),
        cw(100_000, 'HealthyHostCount', 2),
        cw(400_000, 'HealthyHostCount', 2),
      ],
    },
    figures: { 'recovery.seconds': 10 },
  };
}

describe('fleetMetrics', () => {
  it('draws each CloudWatch datapoint over its period, cut to the run axis, and leaves out metrics that count no tasks or targets', () => {
    const m = fleetMetrics(awsJournal(), 150);
    expect(m.periods.map((p) => [p.series, p.t, p.t2, p.value])).toEqual([
      ['RunningTaskCount (CloudWatch, Minimum per 1 min)', 0, 40, 2],
      ['RunningTaskCount (CloudWatch, Minimum per 1 min)', 40, 100, 1],
      ['HealthyHostCount (CloudWatch, Minimum per 1 min)', 40, 100, 1],
      ['HealthyHostCount (CloudWatch, Minimum per 1 min)', 100, 150, 2],
    ]);
  });

  it('keeps ECS reads of the running count as points and takes the desired count from the last read', () => {
    const m = fleetMetrics(awsJournal(), 150);
    expect(m.reads.map((r) => [r.t, r.value])).toEqual([
      [35, 1],
      [40, 2],
    ]);
    expect(m.desired).toBe(2);
  });

  it('gives nothing for a journal without metric samples (local runs, older journals)', () => {
    expect(fleetMetrics(hardKillJournal(), 8)).toEqual({ reads: [], periods: [], desired: undefined, series: [] });
  });
});

describe('the fleet chart of an AWS run', () => {
  it('draws the CloudWatch datapoints and the ECS reads with the data in them, saying where they came from', async () => {
    const fleet = (await reportCharts(awsJournal())).find((c) => c.file === 'chart-fleet.svg');
    const svg = fleet?.svg ?? '';
    expect(fleet?.missing).toBeUndefined();
    expect(svg).toContain('HealthyHostCount (CloudWatch, Minimum per 1 min)');
    expect(svg).toContain('tasks running (ECS DescribeServices)');
    expect(svg).toContain('HealthyHostCount Minimum 1 for the 1 min from 2026-11-30T12:00:40.000Z');
    // one segment per CloudWatch datapoint in the axis, one point per ECS read, each labelled for screen readers
    expect(svg.match(/aria-label="(RunningTaskCount|HealthyHostCount) Minimum \d/g)).toHaveLength(4);
    expect(svg.match(/aria-roledescription="point"/g)).toHaveLength(2);
    expect(svg).toContain('from ECS DescribeServices reads (points) and CloudWatch datapoints (a bar per period)');
  });

  it('is left out with the reason when the run saw neither events nor datapoints', async () => {
    const base = awsJournal();
    const fleet = (await reportCharts({ ...base, samples: { streams: [], requests: [] } })).find((c) => c.file === 'chart-fleet.svg');
    expect(fleet?.missing).toBe('no task or target events in the timeline, and no ECS or CloudWatch fleet datapoints in the run’s window');
  });
});

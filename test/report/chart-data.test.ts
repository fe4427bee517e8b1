import { failureBreakdown } from '../../lib/report/failure-breakdown';
import { fleetSeries } from '../../lib/report/fleet-series';
import { binWidth, requestSeries } from '../../lib/report/request-series';
import { runMarks } from '../../lib/report/run-marks';
import { streamLanes } from '../../lib/report/stream-lanes';
import type { Journal } from '../../lib/runner/journal';
import { hardKillJournal } from './journal-fixture';

const at = (series: ReturnType<typeof fleetSeries>, name: string, t: number): number | undefined => series.filter((p) => p.series === name && p.t <= t).at(-1)?.value;

describe('runMarks', () => {
  it('puts the fault, the recovery and the end on the run axis in seconds', () => {
    expect(runMarks(hardKillJournal())).toEqual({ endS: 8, faultStartS: 3, faultEndS: undefined, recoveredS: 5 });
  });

  it('has no fault or recovery mark when the fault never landed', () => {
    const journal = hardKillJournal({ timeline: hardKillJournal().timeline.filter((e) => e.kind !== 'fault-injected') });
    const marks = runMarks(journal);
    expect(marks.faultStartS).toBeUndefined();
    expect(marks.recoveredS).toBeUndefined();
  });
});

describe('requestSeries', () => {
  it('picks a round bin width of about 60 bins', () => {
    expect(binWidth(8)).toBe(0.25);
    expect(binWidth(600)).toBe(10);
  });

  it('counts succeeded and failed requests per bin, failures by status', () => {
    const bins = requestSeries(hardKillJournal().samples.requests, 1);
    expect(bins.filter((b) => b.t === 3)).toEqual([
      { t: 3, t2: 4, outcome: 'failed: HTTP 502', count: 3 },
      { t: 3, t2: 4, outcome: 'succeeded', count: 7 },
    ]);
    expect(bins.find((b) => b.t === 4 && b.outcome === 'failed: no response')?.count).toBe(1);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(70);
  });
});

describe('failureBreakdown', () => {
  it('splits requests into before the fault, fault to recovery and after, with failures by status', () => {
    const windows = failureBreakdown(hardKillJournal().samples.requests, runMarks(hardKillJournal()));
    expect(windows).toEqual([
      { window: 'before the fault (0.0–3.0 s)', sent: 20, failed: 0, byStatus: {} },
      { window: 'from the fault to recovery (3.0–5.0 s)', sent: 20, failed: 4, byStatus: { 'failed: HTTP 502': 3, 'failed: no response': 1 } },
      { window: 'after recovery (5.0–8.0 s)', sent: 30, failed: 0, byStatus: {} },
    ]);
  });

  it('has a window while a fault with a duration lasted', () => {
    const base = hardKillJournal();
    const journal: Journal = { ...base, timeline: [...base.timeline, { atMs: 4000, at: base.startedAt, kind: 'fault-ended' }], figures: { ...base.figures, 'recovery.seconds': 3 } };
    expect(failureBreakdown(journal.samples.requests, runMarks(journal)).map((w) => w.window)).toEqual([
      'before the fault (0.0–3.0 s)',
      'while the fault lasted (3.0–4.0 s)',
      'after the fault, until recovery (4.0–6.0 s)',
      'after recovery (6.0–8.0 s)',
    ]);
  });
});

describe('streamLanes', () => {
  it('gives one lane per stream grouped by task, with first token and how a broken one broke', () => {
    expect(streamLanes(hardKillJournal())).toEqual([
      { item: '#1', task: 't1', start: 1.5, firstToken: 1.8, end: 3, outcome: 'broken', detail: 'reset' },
      { item: '#0', task: 't2', start: 1.5, firstToken: 1.8, end: 6.5, outcome: 'clean', detail: undefined },
    ]);
  });

  it('adds jobs when the journal carries them', () => {
    const base = hardKillJournal();
    const journal: Journal = { ...base, samples: { ...base.samples, jobs: [{ id: 7, startedAtMs: 2000, endedAtMs: 4000, outcome: 'failed', task: 't1', polls: 3, state: 'lost' }] } };
    expect(streamLanes(journal).find((l) => l.item === 'job 7')).toMatchObject({ task: 't1', start: 2, end: 4, outcome: 'broken', detail: 'lost' });
  });
});

describe('fleetSeries', () => {
  it('follows tasks running and targets healthy through a local kill and its replacement', () => {
    const series = fleetSeries(hardKillJournal(), 8);
    expect([0.5, 1, 3.1, 3.4, 4, 5.5].map((t) => at(series, 'tasks running', t))).toEqual([2, 2, 1, 2, 2, 2]);
    expect([0.5, 1, 3.1, 4, 5.5].map((t) => at(series, 'targets healthy', t))).toEqual([0, 2, 2, 1, 2]);
    expect(series.at(-1)?.t).toBe(8);
  });

  it('counts from the last count the runner read on AWS, where ECS events name no task for targets', () => {
    const base = hardKillJournal();
    const t = (atMs: number, kind: Journal['timeline'][number]['kind'], detail: string, task?: string) => ({ atMs, at: base.startedAt, kind, detail, task });
    const journal: Journal = {
      ...base,
      mode: 'aws',
      settings: {},
      timeline: [
        t(0, 'steady', 'running 3/3, one completed deployment'),
        t(10_000, 'fault-injected', 'targets: abc'),
        t(12_000, 'task-exited', '(service s) has stopped 1 running tasks: (task abc).', 'abc'),
        t(12_500, 'target-deregistered', '(service s) deregistered 1 targets in (target-group tg)'),
        t(30_000, 'replacement-started', '(service s) has started 1 tasks: (task def).', 'def'),
        t(80_000, 'service-event', '(service s) registered 1 targets in (target-group tg)'),
      ],
    };
    const series = fleetSeries(journal, 90);
    expect([5, 13, 40, 85].map((s) => at(series, 'tasks running', s))).toEqual([3, 2, 3, 3]);
    expect([5, 13, 40, 85].map((s) => at(series, 'targets healthy', s))).toEqual([3, 2, 2, 3]);
  });
});

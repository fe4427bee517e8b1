import { renderReport, describeStream } from '../../lib/runner/report-markdown';
import type { Journal } from '../../lib/runner/journal';
import taskStopDrain from '../../experiments/task-stop-drain';

const journal: Journal = {
  schema: 'fis-drills/journal@1',
  runId: 'r1',
  mode: 'aws',
  drill: { id: taskStopDrain.id, title: taskStopDrain.title, hypothesis: taskStopDrain.hypothesis, fault: taskStopDrain.fault, expect: taskStopDrain.expect, file: 'x' },
  settings: {},
  target: {},
  startedAt: '2026-11-23T04:00:00.000Z',
  timeline: [{ atMs: 12_500, at: '2026-11-23T04:00:12.500Z', kind: 'sigterm-sent', task: 't1' }],
  samples: { streams: [{ id: 0, startedAtMs: 0, firstEventAtMs: 2500, endedAtMs: 48_300, events: 47, bytes: 12_755, outcome: 'clean' }], requests: [] },
  figures: { 'streams.broken': 0 },
  judgement: {
    verdict: 'HELD',
    expectations: [
      { figure: 'streams.broken', op: '<=', bound: 0, measured: 0, held: true },
      { figure: 'recovery.seconds', op: '<=', bound: 180, held: null },
    ],
    reasons: ['every judged expectation held'],
    notJudged: ['recovery.seconds'],
  },
};

describe('renderReport', () => {
  it('gives the longest stream the way a drill write-up does', () => {
    expect(describeStream(journal.samples.streams[0])).toBe('stream 48.3 s, TTFT 2.5 s, 47 events, 12,755 bytes, clean [DONE]');
  });

  it('has the hypothesis, the verdict, the timeline and a not-judged row', () => {
    const md = renderReport(journal);
    expect(md).toContain(taskStopDrain.hypothesis);
    expect(md).toContain('**HELD**');
    expect(md).toContain('| 12.50 | sigterm-sent t1 |');
    expect(md).toContain('| recovery.seconds | <= 180 | — | not judged |');
  });
});

import azOutage from '../../experiments/az-outage';
import taskStopDrain from '../../experiments/task-stop-drain';
import { expectationRows } from '../../lib/report/expectation-rows';
import { faultText } from '../../lib/report/fault-text';
import { describeStream, headline } from '../../lib/report/headline';
import { renderReport } from '../../lib/report/report-markdown';
import type { Journal } from '../../lib/runner/journal';
import { hardKillJournal } from './journal-fixture';

describe('report.md', () => {
  it('gives the longest stream the way a drill write-up does', () => {
    expect(describeStream(hardKillJournal().samples.streams[0])).toBe('stream 5.0 s, TTFT 0.3 s, 25 events, 1,687 bytes, clean [DONE] from t2');
  });

  it('names figures in words, shows the bound with its mode, the measured value in its unit and why', () => {
    const md = renderReport(hardKillJournal());
    expect(md).toContain(
      '| share of requests that failed (`requests.errorRate`) | ≤ 25 % (local bound; on AWS ≤ 15 %) | 5.7 % | held | requests fail only until the load balancer marks the dead target unhealthy |',
    );
    expect(md).toContain('| streams broken on tasks the fault did not hit (`streams.brokenOffTarget`) | ≤ 0 (both modes) | 0 | held | streams on tasks that were not killed must not break |');
  });

  it('breaks failed requests down by status and time window', () => {
    const md = renderReport(hardKillJournal());
    expect(md).toContain('| window | sent | failed | failed: HTTP 502 | failed: no response |');
    expect(md).toContain('| from the fault to recovery (3.0–5.0 s) | 20 | 4 | 3 | 1 |');
  });

  it('links the chart files and lists every figure in words, with no raw JSON dump', () => {
    const md = renderReport(hardKillJournal(), [
      { file: 'chart-requests.svg', title: 'Requests over time' },
      { file: 'chart-streams.svg', title: 'Streams per task', missing: 'no probe streams in this run' },
    ]);
    expect(md).toContain('![Requests over time](chart-requests.svg)');
    expect(md).toContain('- Streams per task: not drawn (no probe streams in this run)');
    expect(md).toContain('| time to recover (fault → desired and healthy again) | `recovery.seconds` | 2 s |');
    expect(md).not.toContain('```json');
    expect(md).not.toMatch(/"requests\.total":/);
  });

  it('says who ran what, and says so when an older journal did not record it', () => {
    expect(renderReport(hardKillJournal())).toContain('| git commit | b4a32b1 |');
    expect(renderReport(hardKillJournal({ provenance: undefined }))).toContain('| operator | not recorded (journal written before provenance was recorded) |');
  });

  it('names the AWS identity that started the experiment on its own row, not inside the target', () => {
    const base = hardKillJournal();
    const md = renderReport({ ...base, mode: 'aws', target: { account: '111122223333', caller: 'arn:aws:iam::111122223333:role/gameday', cluster: 'c', service: 'drills-demo' } });
    expect(md).toContain('| AWS caller | arn:aws:iam::111122223333:role/gameday |');
    expect(md).toContain('| target | account 111122223333, cluster c |');
  });

  it('has the hypothesis, the verdict, its reasons and the timeline', () => {
    const md = renderReport(hardKillJournal());
    expect(md).toMatch(/^# Hard kill of one task breaks only its own streams — HELD/);
    expect(md).toContain(hardKillJournal().drill.hypothesis);
    expect(md).toContain('- every judged expectation held (4 of 4)');
    expect(md).toContain('| 3.01 | task exited | t1 in zone-a | exit code none, signal SIGKILL; kill |');
  });
});

describe('honest labels', () => {
  it("does not call the fault's own SIGKILL in a kill drill a failed drain", () => {
    const lines = headline(hardKillJournal());
    expect(lines).toContain("No task had to be SIGKILLed at stopTimeout (the fault's own SIGKILL of t1 is not a drain and is not counted).");
    expect(lines.join(' ')).not.toMatch(/tasks SIGKILLed: 0/);
  });

  it('describes a zone outage as hitting a zone, naming the tasks that were in it', () => {
    const base = hardKillJournal();
    const { id, title, hypothesis, fault, expect: ex } = azOutage;
    const journal: Journal = {
      ...base,
      drill: { id, title, hypothesis, fault, expect: ex, file: 'x' },
      timeline: [...base.timeline, { atMs: 3000, at: base.startedAt, kind: 'fault-injected', detail: 'az-outage: zone-a cut for PT3S on t1' }],
    };
    expect(faultText(journal)).toBe('outage of zone-a for PT3S (every connection to it cut, its tasks lost, no placement there); tasks in it at the time: t1');
  });

  it('shows a censored figure as beyond its bound, never as a number that was reached', () => {
    const base = hardKillJournal();
    const judgement = {
      ...base.judgement!,
      verdict: 'VIOLATED' as const,
      expectations: [
        { figure: 'recovery.seconds' as const, op: '<=' as const, bound: 20, held: false, censored: '> 30.2 — not recovered within 30 s', cause: 'still 1/2 healthy at the end of the wait' },
        { figure: 'streams.ttftMs.max' as const, op: '<=' as const, bound: 3000, held: false, censored: 'not reached — no stream received a first event' },
      ],
    };
    const [recovery, ttft] = expectationRows({ ...base, judgement });
    expect(recovery).toMatchObject({ measured: '> 30.2 s, never reached (not recovered within 30 s)', outcome: 'VIOLATED' });
    expect(recovery.why).toContain('still 1/2 healthy at the end of the wait');
    expect(ttft).toMatchObject({ measured: 'never reached (no stream received a first event)', outcome: 'VIOLATED' });
  });

  it('marks an expectation the mode could not measure as not judged, with the mode named', () => {
    const { id, title, hypothesis, fault, expect: ex } = taskStopDrain;
    const journal = hardKillJournal({
      mode: 'aws',
      drill: { id, title, hypothesis, fault, expect: ex, file: 'x' },
      judgement: { verdict: 'HELD', expectations: [{ figure: 'streams.broken', op: '<=', bound: 0, held: null }], reasons: [], notJudged: ['streams.broken'] },
    });
    expect(expectationRows(journal)[0]).toMatchObject({ measured: 'not measured in AWS mode', outcome: 'not judged', bound: '≤ 0 (both modes)' });
  });
});

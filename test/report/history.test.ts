import { historyLine, sortHistory } from '../../lib/report/history-line';
import { historyTable } from '../../lib/report/history-table';
import { renderIndexHtml } from '../../lib/report/index-html';
import { hardKillJournal } from './journal-fixture';

describe('history lines', () => {
  it('gives drill, service, mode, when, verdict, recovery, broken streams and failed requests of a run', () => {
    expect(historyLine(hardKillJournal(), 'task-hard-kill/r1')).toEqual({
      drill: 'task-hard-kill',
      service: 'drills-demo',
      mode: 'local',
      when: '2026-11-30T12:00:00.000Z',
      verdict: 'HELD',
      recoverySeconds: 2,
      brokenStreams: 1,
      failedRequests: 4,
      requests: 70,
      runId: '20261130T120000Z-abcd',
      evidence: 'task-hard-kill/r1',
    });
  });

  it('leaves what a run did not measure undefined and shows it as a dash, never 0', () => {
    const line = historyLine(hardKillJournal({ figures: {}, judgement: undefined, target: { service: 'api' } }), 'x/r2');
    expect(line).toMatchObject({ service: 'api', verdict: 'UNFINISHED', recoverySeconds: undefined, failedRequests: undefined });
    const [, row] = historyTable([line]).trimEnd().split('\n');
    expect(row.split(/\s{2,}/)).toEqual(['2026-11-30T12:00:00Z', 'task-hard-kill', 'api', 'local', 'UNFINISHED', '—', '—', '—', 'x/r2']);
  });

  it('sorts runs oldest first', () => {
    const late = historyLine(hardKillJournal({ startedAt: '2026-12-01T00:00:00.000Z' }), 'b');
    const early = historyLine(hardKillJournal(), 'a');
    expect(sortHistory([late, early]).map((l) => l.evidence)).toEqual(['a', 'b']);
  });
});

describe('index.html', () => {
  it("links every run's report, newest first, with its verdict", () => {
    const a = historyLine(hardKillJournal(), 'task-hard-kill/r1');
    const b = historyLine(hardKillJournal({ startedAt: '2026-12-01T00:00:00.000Z', runId: 'r2' }), 'task-hard-kill/r2');
    const html = renderIndexHtml([a, b], [{ title: 'Verdicts per drill', missing: 'no run yet' }], (l) => `${l.evidence}/report.html`, '2026-12-01T01:00:00Z');
    const links = [...html.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]);
    expect(links).toEqual(['task-hard-kill/r2/report.html', 'task-hard-kill/r1/report.html']);
    expect(html).toContain('<span class="verdict HELD">HELD</span>');
    expect(html).toContain('Verdicts per drill: not drawn (no run yet)');
    expect(html).not.toMatch(/<script/i);
  });
});

import { reportCharts } from '../../lib/report/report-charts';
import { renderReportHtml } from '../../lib/report/report-html';
import { renderReport } from '../../lib/report/report-markdown';
import { hardKillJournal } from './journal-fixture';
import { expectEvery } from '../helpers/expect-every';

/** How many marks of a kind (`bar`, `line mark`, `tick`) Vega drew for data (it labels each for screen readers). */
function markCount(svg: string, kind: string): number {
  return (svg.match(new RegExp(`role="graphics-symbol" aria-roledescription="${kind}"`, 'g')) ?? []).length;
}

describe('report charts', () => {
  it('draws requests, streams and the fleet as SVG with the data in them', async () => {
    const charts = await reportCharts(hardKillJournal());
    expect(charts.map((c) => [c.file, c.svg !== undefined])).toEqual([
      ['chart-requests.svg', true],
      ['chart-streams.svg', true],
      ['chart-fleet.svg', true],
    ]);
    const [requests, streams, fleet] = charts.map((c) => c.svg as string);
    // 7 s of requests in 0.25 s bins: 28 bins of succeeded plus the failing ones, each a bar
    expect(markCount(requests, 'bar')).toBeGreaterThanOrEqual(28);
    expect(requests).toContain('failed: HTTP 502');
    expect(requests).toContain('recovered');
    expect(markCount(streams, 'bar')).toBe(2);
    expect(markCount(streams, 'tick')).toBe(2);
    expect(streams).toContain('t1 · #1');
    expect(fleet).toContain('targets healthy');
    expect(markCount(fleet, 'line mark')).toBe(2);
  });

  it('names the swimlane by what it holds: streams, jobs, or both, in the chart and its caption', async () => {
    const base = hardKillJournal();
    const job = { id: 7, startedAtMs: 2000, endedAtMs: 4000, outcome: 'failed' as const, task: 't1', polls: 3, state: 'lost' };
    const swimlane = async (journal: typeof base) => (await reportCharts(journal)).find((c) => c.file === 'chart-streams.svg');
    const both = await swimlane({ ...base, samples: { ...base.samples, jobs: [job] } });
    expect([both?.title, both?.svg]).toEqual(['Streams and jobs per task', expect.stringContaining('task · stream or job')]);
    const jobsOnly = await swimlane({ ...base, samples: { ...base.samples, streams: [], jobs: [job] } });
    expect([jobsOnly?.title, jobsOnly?.alt]).toEqual(['Jobs per task', expect.stringMatching(/^one bar per job /)]);
    expect((await swimlane(base))?.title).toBe('Streams per task');
    const md = renderReport({ ...base, samples: { ...base.samples, jobs: [job] } }, both ? [both] : []);
    expect(md).toContain('Streams and jobs per task');
  });

  it('leaves a chart out with the reason when there is nothing to draw', async () => {
    const base = hardKillJournal();
    const charts = await reportCharts({ ...base, samples: { streams: [], requests: [] } });
    expect(charts.map((c) => c.missing)).toEqual(['no probe requests in this run', 'no probe streams or jobs in this run', undefined]);
  });
});

describe('report.html', () => {
  it('is one self-contained page: no script, no external URL, a policy that forbids loading anything', async () => {
    const journal = hardKillJournal();
    const html = renderReportHtml(journal, await reportCharts(journal));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/url\((?!#)/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;`);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html.match(/<figure /g)).toHaveLength(3);
  });

  it("gives each inlined chart its own element ids, so one chart never clips by another one's clip path", async () => {
    const journal = hardKillJournal();
    const html = renderReportHtml(journal, await reportCharts(journal));
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(1);
    expect(new Set(ids).size).toBe(ids.length);
    expectEvery(
      [...html.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]),
      (ref) => ids.includes(ref),
      'url(#…) references',
    );
  });

  it('escapes what the journal says, so a hypothesis cannot inject markup', () => {
    const base = hardKillJournal();
    const html = renderReportHtml({ ...base, drill: { ...base.drill, hypothesis: '<img src=x onerror=alert(1)>' } }, []);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });

  it('has the verdict, its reasons, the hypothesis, the expectations with why, every figure in words, and who ran what', () => {
    const journal = hardKillJournal();
    const html = renderReportHtml(journal, []);
    expect(html).toContain('<span class="verdict HELD">HELD</span>');
    expect(html).toContain('<li>every judged expectation held (4 of 4)</li>');
    expect(html).toContain('≤ 25 % (local bound; on AWS ≤ 15 %)');
    expect(html).toContain('streams on tasks that were not killed must not break');
    expect(html).toContain('<td>operator</td><td>alice</td>');
    expect(html).toContain('<td>share of requests that failed</td><td><code>requests.errorRate</code></td><td class="n">5.7 %</td>');
  });
});

/**
 * journal + its rendered charts → report.html: one self-contained page (see html-page.ts) with
 * the verdict and its reasons, the hypothesis, the expectations, the charts on a shared time
 * axis (fault window and recovery marked), when requests failed, the timeline and who ran what.
 * Pure.
 */
import type { Journal } from '../runner/journal';
import { expectationRows } from './expectation-rows';
import { failureBreakdown } from './failure-breakdown';
import { faultText } from './fault-text';
import { figureRows } from './figure-rows';
import { headline } from './headline';
import { escapeHtml as e, htmlPage, scopeSvgIds } from './html-page';
import type { ReportChart } from './report-charts';
import { runMarks } from './run-marks';
import { timelineRows } from './timeline-rows';
import { whoRanWhat } from './who-ran-what';

const table = (head: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = []): string =>
  `<div class="scroll"><table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="n"' : ''}>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table></div>`;

const OUTCOME_CLASS = { held: 'ok', VIOLATED: 'bad', 'not judged': 'nj' } as const;

export function renderReportHtml(journal: Journal, charts: readonly ReportChart[]): string {
  const verdict = journal.judgement?.verdict ?? 'UNFINISHED';
  const parts: string[] = [];
  parts.push(`<h1>${e(journal.drill.title)}</h1>`);
  parts.push(
    `<p><span class="verdict ${e(verdict)}">${e(verdict)}</span> drill <code>${e(journal.drill.id)}</code>, ${journal.mode === 'aws' ? 'on AWS' : 'rehearsed locally'}, run <code>${e(journal.runId)}</code></p>`,
  );
  parts.push(`<p class="meta">started ${e(journal.startedAt)}${journal.endedAt ? `, ended ${e(journal.endedAt)}` : ' (unfinished)'}</p>`);
  parts.push(`<p class="meta">fault: ${e(faultText(journal))}</p>`);
  const reasons = journal.judgement?.reasons ?? ['the run did not finish: no verdict was recorded'];
  parts.push('<h2>Verdict</h2>', `<ul>${reasons.map((r) => `<li>${e(r)}</li>`).join('')}</ul>`);
  parts.push('<h2>Hypothesis</h2>', `<p>${e(journal.drill.hypothesis)}</p>`);
  parts.push(
    '<h2>Expectations</h2>',
    table(
      ['figure', 'bound', 'measured', 'outcome', 'why this bound'],
      expectationRows(journal).map((x) => [`${e(x.label)}<br><code>${e(x.figure)}</code>`, e(x.bound), e(x.measured), `<span class="${OUTCOME_CLASS[x.outcome]}">${e(x.outcome)}</span>`, e(x.why)]),
    ),
  );
  parts.push(
    '<h2>Headline</h2>',
    `<ul>${headline(journal)
      .map((l) => `<li>${e(l)}</li>`)
      .join('')}</ul>`,
  );
  parts.push('<h2>Charts</h2>', '<p class="meta">One time axis for all charts: seconds since the run started. Red line: the fault landed (shaded while it lasted); blue dashes: recovered.</p>');
  charts.forEach((c, i) => {
    parts.push(
      c.svg
        ? `<figure role="img" aria-label="${e(c.alt)}" data-chart="${e(c.file)}">${scopeSvgIds(c.svg, `c${i}-`)}<figcaption>${e(c.title)}: ${e(c.alt)}</figcaption></figure>`
        : `<p class="meta">${e(c.title)}: not drawn (${e(c.missing ?? 'no data')})</p>`,
    );
  });
  if (journal.samples.requests.length > 0) {
    const windows = failureBreakdown(journal.samples.requests, runMarks(journal));
    const statuses = [...new Set(windows.flatMap((w) => Object.keys(w.byStatus)))].sort();
    const numeric = [1, 2, ...statuses.map((_, i) => 3 + i)];
    parts.push(
      '<h2>When requests failed</h2>',
      table(
        ['window', 'sent', 'failed', ...statuses],
        windows.map((w) => [e(w.window), String(w.sent), String(w.failed), ...statuses.map((s) => String(w.byStatus[s] ?? 0))]),
        numeric,
      ),
    );
  }
  parts.push(
    '<h2>Timeline</h2>',
    table(
      ['t (s)', 'event', 'task / zone', 'detail'],
      timelineRows(journal).map((t) => [t.t, e(t.event), e(t.who), e(t.detail)]),
      [0],
    ),
  );
  const figures = figureRows(journal);
  parts.push(
    '<h2>Figures</h2>',
    figures.length > 0
      ? table(
          ['figure', 'name', 'value'],
          figures.map(([l, n, v]) => [e(l), `<code>${e(n)}</code>`, e(v)]),
          [2],
        )
      : '<p>No figures recorded.</p>',
  );
  parts.push(
    '<h2>Who ran what</h2>',
    table(
      ['', ''],
      whoRanWhat(journal).map(([k, v]) => [e(k), e(v)]),
    ),
  );
  return htmlPage(`${journal.drill.title} — ${verdict}`, parts.join('\n'));
}

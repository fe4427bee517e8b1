/**
 * The evidence root's index.html: the history charts (rendered SVG, inlined) and one row per
 * run linking its report.html. Self-contained like every report page. Pure.
 */
import { escapeHtml as e, htmlPage, scopeSvgIds } from './html-page';
import type { HistoryLine } from './history-line';

export interface IndexChart {
  readonly title: string;
  readonly svg?: string;
  readonly missing?: string;
}

const dash = (n: number | undefined, unit = ''): string => (n === undefined ? '—' : `${n}${unit}`);

/** `lines` newest first is how people read a history; `reportHref` gives each run's link. */
export function renderIndexHtml(lines: readonly HistoryLine[], charts: readonly IndexChart[], reportHref: (l: HistoryLine) => string, generatedAt: string): string {
  const parts: string[] = [
    '<h1>Drill history</h1>',
    `<p class="meta">${lines.length} run(s) in this evidence folder; written ${e(generatedAt)} by <code>drills history</code> and after every run.</p>`,
  ];
  charts.forEach((c, i) => {
    parts.push(
      c.svg
        ? `<figure role="img" aria-label="${e(c.title)}" data-chart="history-${i}">${scopeSvgIds(c.svg, `h${i}-`)}</figure>`
        : `<p class="meta">${e(c.title)}: not drawn (${e(c.missing ?? 'no data')})</p>`,
    );
  });
  parts.push('<h2>Runs</h2>');
  const head = ['when (UTC)', 'drill', 'service', 'mode', 'verdict', 'recovery', 'broken streams', 'failed requests'];
  const body = [...lines]
    .reverse()
    .map((l) => {
      const cells = [
        `<a href="${e(reportHref(l))}">${e(l.when.replace(/\.\d+Z$/, 'Z').replace('T', ' '))}</a>`,
        e(l.drill),
        e(l.service),
        e(l.mode),
        `<span class="verdict ${e(l.verdict)}">${e(l.verdict)}</span>`,
        e(dash(l.recoverySeconds, ' s')),
        e(dash(l.brokenStreams)),
        e(l.failedRequests === undefined ? '—' : `${l.failedRequests}${l.requests !== undefined ? ` of ${l.requests}` : ''}`),
      ];
      return `<tr>${cells.map((c, i) => `<td${i >= 5 ? ' class="n"' : ''}>${c}</td>`).join('')}</tr>`;
    })
    .join('');
  parts.push(`<div class="scroll"><table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table></div>`);
  if (lines.length === 0) parts.push('<p>No run yet: <code>npx drills rehearse</code> writes the first.</p>');
  return htmlPage('Drill history', parts.join('\n'));
}

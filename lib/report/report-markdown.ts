/**
 * journal → report.md, the way a drill write-up reads: verdict and reasons, hypothesis, the
 * expectations (figure in words, bound and its mode, measured, why), the headline, the charts
 * (SVG files next to it, which GitHub renders), when requests failed, the timeline, who ran
 * what, and every figure in words. Pure.
 */
import type { Journal } from '../runner/journal';
import { expectationRows } from './expectation-rows';
import { failureBreakdown } from './failure-breakdown';
import { faultText } from './fault-text';
import { figureRows } from './figure-rows';
import { headline } from './headline';
import { runMarks } from './run-marks';
import { timelineRows } from './timeline-rows';
import { whoRanWhat } from './who-ran-what';

/** A chart as report.md links it (the SVG file is written next to report.md). */
export interface ChartLink {
  readonly file: string;
  readonly title: string;
  readonly missing?: string;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const row = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;

export function renderReport(journal: Journal, charts: readonly ChartLink[] = []): string {
  const verdict = journal.judgement?.verdict ?? 'UNFINISHED';
  const out: string[] = [`# ${journal.drill.title} — ${verdict}`, ''];
  out.push(`- drill \`${journal.drill.id}\`, ${journal.mode === 'aws' ? 'on AWS' : 'rehearsed locally'}, run \`${journal.runId}\``);
  out.push(`- started ${journal.startedAt}${journal.endedAt ? `, ended ${journal.endedAt}` : ' (unfinished)'}`);
  if (journal.experimentId) out.push(`- FIS experiment \`${journal.experimentId}\``);
  out.push(`- fault: ${faultText(journal)}`, '');
  out.push('## Verdict', '', `**${verdict}**`, '');
  for (const r of journal.judgement?.reasons ?? []) out.push(`- ${r}`);
  out.push('', '## Hypothesis', '', journal.drill.hypothesis, '');
  out.push('## Expectations', '', row(['figure', 'bound', 'measured', 'outcome', 'why this bound']), '| --- | --- | --- | --- | --- |');
  for (const e of expectationRows(journal)) {
    out.push(row([`${e.label} (\`${e.figure}\`)`, e.bound, e.measured, e.outcome === 'VIOLATED' ? '**VIOLATED**' : e.outcome, e.why]));
  }
  out.push('', '## Headline', '', ...headline(journal).map((l) => `- ${l}`), '');
  if (charts.length > 0) {
    out.push('## Charts', '');
    for (const c of charts) out.push(c.missing ? `- ${c.title}: not drawn (${c.missing})` : `![${c.title}](${c.file})`, '');
  }
  const windows = failureBreakdown(journal.samples.requests, runMarks(journal));
  if (journal.samples.requests.length > 0) {
    const statuses = [...new Set(windows.flatMap((w) => Object.keys(w.byStatus)))].sort();
    out.push('## When requests failed', '', row(['window', 'sent', 'failed', ...statuses]), `| --- | ---: | ---: |${statuses.map(() => ' ---: |').join('')}`);
    for (const w of windows) out.push(row([w.window, String(w.sent), String(w.failed), ...statuses.map((s) => String(w.byStatus[s] ?? 0))]));
    out.push('');
  }
  out.push('## Timeline', '', row(['t (s)', 'event', 'task / zone', 'detail']), '| ---: | --- | --- | --- |');
  for (const t of timelineRows(journal)) out.push(row([t.t, t.event, t.who, t.detail]));
  out.push('', '## Who ran what', '', row(['', '']), '| --- | --- |');
  for (const [k, v] of whoRanWhat(journal)) out.push(row([k, v]));
  out.push('', '## Figures', '', row(['figure', 'name', 'value']), '| --- | --- | ---: |');
  const figures = figureRows(journal);
  for (const [label, name, value] of figures) out.push(row([label, `\`${name}\``, value]));
  if (figures.length === 0) out.push(row(['no figures recorded', '', '']));
  out.push('');
  return out.join('\n');
}

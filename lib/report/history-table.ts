/** History lines → the text table `drills history` prints, one line per run. Pure. */
import type { HistoryLine } from './history-line';

const dash = (n: number | undefined, unit = ''): string => (n === undefined ? '—' : `${n}${unit}`);

export function historyTable(lines: readonly HistoryLine[]): string {
  const rows = [
    ['WHEN', 'DRILL', 'SERVICE', 'MODE', 'VERDICT', 'RECOVERY', 'BROKEN STREAMS', 'FAILED REQUESTS', 'EVIDENCE'],
    ...lines.map((l) => [
      l.when.replace(/\.\d+Z$/, 'Z'),
      l.drill,
      l.service,
      l.mode,
      l.verdict,
      dash(l.recoverySeconds, ' s'),
      dash(l.brokenStreams),
      l.failedRequests === undefined ? '—' : `${l.failedRequests}${l.requests !== undefined ? `/${l.requests}` : ''}`,
      l.evidence,
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return `${rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n')}\n`;
}

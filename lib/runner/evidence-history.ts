/**
 * The evidence root (a local folder or S3) as a history: every `<root>/<drill>/<run>/journal.json`, read and turned
 * into history lines, and the root's index.html (charts of recovery time and verdicts per drill
 * over time, a link to every report) written atomically. A journal that cannot be read or is
 * not a fis-drills journal is skipped and named in `problems`; a missing root is an empty history.
 */
import * as path from 'path';
import { historyLine, sortHistory, type HistoryLine } from '../report/history-line';
import { recoveryHistoryChart, verdictHistoryChart } from '../report/history-charts';
import { renderIndexHtml, type IndexChart } from '../report/index-html';
import { renderSvg } from '../report/render-svg';
import type { EvidenceStore } from './evidence-store';
import { isJournal } from './journal';
import { localEvidenceStore } from './local-evidence';

export interface EvidenceHistory {
  /** Oldest first; `evidence` is the run's folder relative to the root. */
  readonly lines: HistoryLine[];
  readonly problems: string[];
}

export const INDEX_HTML = 'index.html';

function storeOf(root: string | EvidenceStore): EvidenceStore {
  return typeof root === 'string' ? localEvidenceStore(root) : root;
}

/** `root` is a local path, or any evidence store (S3). */
export async function readEvidenceHistory(root: string | EvidenceStore): Promise<EvidenceHistory> {
  const lines: HistoryLine[] = [];
  const problems: string[] = [];
  for (const stored of await storeOf(root).journals()) {
    try {
      const journal: unknown = JSON.parse(await stored.read());
      if (isJournal(journal)) lines.push(historyLine(journal, stored.relative));
      else problems.push(`${stored.location}: not a fis-drills journal (schema ${JSON.stringify((journal as { schema?: unknown } | null)?.schema)})`);
    } catch (e) {
      problems.push(`${stored.location}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { lines: sortHistory(lines), problems };
}

/** Reads the root and writes `<root>/index.html`; resolves with the history it drew. */
export async function writeEvidenceIndex(root: string | EvidenceStore, now: Date = new Date()): Promise<EvidenceHistory & { file: string }> {
  const store = storeOf(root);
  const history = await readEvidenceHistory(store);
  const charts: IndexChart[] = [];
  const draw = async (title: string, has: boolean, spec: () => Parameters<typeof renderSvg>[0], missing: string): Promise<void> => {
    if (!has) return void charts.push({ title, missing });
    try {
      charts.push({ title, svg: await renderSvg(spec()) });
    } catch (e) {
      charts.push({ title, missing: `could not be drawn: ${e instanceof Error ? e.message : String(e)}` });
    }
  };
  await draw(
    'Recovery time per drill',
    history.lines.some((l) => l.recoverySeconds !== undefined),
    () => recoveryHistoryChart(history.lines),
    'no run measured a recovery yet',
  );
  await draw('Verdicts per drill', history.lines.length > 0, () => verdictHistoryChart(history.lines), 'no run yet');
  const href = (l: HistoryLine): string => `${l.evidence.split(path.sep).map(encodeURIComponent).join('/')}/report.html`;
  const file = await store.writeAtRoot(INDEX_HTML, renderIndexHtml(history.lines, charts, href, now.toISOString()));
  return { ...history, file };
}

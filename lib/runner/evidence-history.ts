/**
 * The evidence root as a history: every `<root>/<drill>/<run>/journal.json`, read and turned
 * into history lines, and the root's index.html (charts of recovery time and verdicts per drill
 * over time, a link to every report) written atomically. A journal that cannot be read or is
 * not a fis-drills journal is skipped and named in `problems`; a missing root is an empty history.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { historyLine, sortHistory, type HistoryLine } from '../report/history-line';
import { recoveryHistoryChart, verdictHistoryChart } from '../report/history-charts';
import { renderIndexHtml, type IndexChart } from '../report/index-html';
import { renderSvg } from '../report/render-svg';
import { isJournal } from './journal';
import { writeAtomically } from './journal-writer';

export interface EvidenceHistory {
  /** Oldest first; `evidence` is the run's folder relative to the root. */
  readonly lines: HistoryLine[];
  readonly problems: string[];
}

export const INDEX_HTML = 'index.html';

async function subdirs(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw e;
  });
  return entries.filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

export async function readEvidenceHistory(root: string): Promise<EvidenceHistory> {
  const lines: HistoryLine[] = [];
  const problems: string[] = [];
  for (const drill of await subdirs(root)) {
    for (const run of await subdirs(path.join(root, drill))) {
      const file = path.join(root, drill, run, 'journal.json');
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch {
        continue; // a folder without a journal is not a run
      }
      try {
        const journal: unknown = JSON.parse(text);
        if (isJournal(journal)) lines.push(historyLine(journal, path.join(drill, run)));
        else problems.push(`${file}: not a fis-drills journal (schema ${JSON.stringify((journal as { schema?: unknown } | null)?.schema)})`);
      } catch (e) {
        problems.push(`${file}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  return { lines: sortHistory(lines), problems };
}

/** Reads the root and writes `<root>/index.html`; resolves with the history it drew. */
export async function writeEvidenceIndex(root: string, now: Date = new Date()): Promise<EvidenceHistory & { file: string }> {
  const history = await readEvidenceHistory(root);
  const charts: IndexChart[] = [];
  const draw = async (title: string, has: boolean, spec: () => Parameters<typeof renderSvg>[0], missing: string): Promise<void> => {
    if (!has) return void charts.push({ title, missing });
    try {
      charts.push({ title, svg: await renderSvg(spec()) });
    } catch (e) {
      charts.push({ title, missing: `could not be drawn: ${e instanceof Error ? e.message : String(e)}` });
    }
  };
  await draw('Recovery time per drill', history.lines.some((l) => l.recoverySeconds !== undefined), () => recoveryHistoryChart(history.lines), 'no run measured a recovery yet');
  await draw('Verdicts per drill', history.lines.length > 0, () => verdictHistoryChart(history.lines), 'no run yet');
  const file = path.join(root, INDEX_HTML);
  await fs.mkdir(root, { recursive: true });
  const href = (l: HistoryLine): string => `${l.evidence.split(path.sep).map(encodeURIComponent).join('/')}/report.html`;
  await writeAtomically(file, renderIndexHtml(history.lines, charts, href, now.toISOString()));
  return { ...history, file };
}

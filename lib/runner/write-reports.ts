/**
 * Writes a run's human evidence next to its journal.json: the charts as SVG files, report.md
 * (which links them) and report.html (which inlines them). Every run mode calls this one
 * function (rehearse and run through runDrill, `drills report` for scheduled experiments).
 * Each file is written atomically. A chart Vega cannot render is left out with the reason,
 * never the reports: this rejects only when the folder cannot be written.
 */
import * as path from 'path';
import { renderReportHtml } from '../report/report-html';
import { reportCharts, type ReportChart } from '../report/report-charts';
import { renderReport } from '../report/report-markdown';
import type { Journal } from './journal';
import { writeAtomically } from './journal-writer';

export const REPORT_HTML = 'report.html';
export const REPORT_MD = 'report.md';

export async function writeReports(dir: string, journal: Journal): Promise<{ files: string[] }> {
  let charts: ReportChart[];
  try {
    charts = await reportCharts(journal);
  } catch (err) {
    const missing = `the charts could not be drawn: ${err instanceof Error ? err.message : String(err)}`;
    charts = [{ file: 'chart-requests.svg', title: 'Charts', alt: '', missing }];
  }
  const files: string[] = [];
  for (const c of charts) {
    if (c.svg === undefined) continue;
    await writeAtomically(path.join(dir, c.file), c.svg);
    files.push(c.file);
  }
  await writeAtomically(path.join(dir, REPORT_MD), renderReport(journal, charts));
  await writeAtomically(path.join(dir, REPORT_HTML), renderReportHtml(journal, charts));
  return { files: [...files, REPORT_MD, REPORT_HTML] };
}

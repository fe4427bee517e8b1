/**
 * Writes a run's human evidence next to its journal.json: the charts as SVG files, report.md
 * (which links them) and report.html (which inlines them). Every run mode calls this one
 * function (rehearse and run through runDrill, `drills report` for scheduled experiments).
 * Each file is written atomically, through the folder (local or S3). A chart Vega cannot render is left out with the reason,
 * never the reports: this rejects only when the folder cannot be written.
 */
import { renderReportHtml } from '../report/report-html';
import { reportCharts, type ReportChart } from '../report/report-charts';
import { renderReport } from '../report/report-markdown';
import type { EvidenceFolder } from './evidence-store';
import type { Journal } from './journal';
import { localEvidenceFolder } from './local-evidence';

export const REPORT_HTML = 'report.html';
export const REPORT_MD = 'report.md';

/** `dir` is a local folder's path, or any evidence folder (S3). */
export async function writeReports(dir: string | EvidenceFolder, journal: Journal): Promise<{ files: string[] }> {
  const folder = typeof dir === 'string' ? localEvidenceFolder(dir) : dir;
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
    await folder.write(c.file, c.svg);
    files.push(c.file);
  }
  await folder.write(REPORT_MD, renderReport(journal, charts));
  await folder.write(REPORT_HTML, renderReportHtml(journal, charts));
  return { files: [...files, REPORT_MD, REPORT_HTML] };
}

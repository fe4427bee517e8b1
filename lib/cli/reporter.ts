/**
 * The CLI's text formatting: pure formatters for the result (stdout) and progress (stderr). The
 * `--json` shapes are in result-json.ts; where text goes is output.ts's business.
 */
import * as path from 'path';
import type { Drill, Figures } from '../drill';
import type { TimelineEvent } from '../runner/samples';
import { VERDICTS, type Verdict } from '../runner/verdict';
import { DEFAULT_COLUMNS, fitTable } from './fit-table';
import type { RunSummary } from './result-json';

export interface RunLine extends RunSummary {
  /** The judgement's reasons, shown under the table for a run that did not hold. */
  readonly judgement?: { readonly reasons: readonly string[] };
}

/** `HELD  <drill>  experiment <id or ->  evidence <dir>`: one AWS run (run, report). */
export function runResultLine(run: RunSummary): string {
  return `${run.verdict}  ${run.drill}  experiment ${run.experimentId ?? '-'}  evidence ${run.evidence}`;
}

/** The reasons of a run that did not hold, each `  - <reason>` (none for HELD). */
export function reasonLines(run: RunLine): string[] {
  return run.verdict === 'HELD' ? [] : (run.judgement?.reasons ?? []).map((r) => `  - ${r}`);
}

export function keyFigures(f: Figures): string {
  const parts: string[] = [];
  if (f['streams.total'] !== undefined) parts.push(`streams ${f['streams.clean']}/${f['streams.total']} clean, ${f['streams.broken']} broken`);
  if (f['requests.total'] !== undefined) parts.push(`requests ${f['requests.failed']}/${f['requests.total']} failed`);
  if (f['tasks.sigkilled'] !== undefined) parts.push(`sigkilled ${f['tasks.sigkilled']}`);
  if (f['recovery.seconds'] !== undefined) parts.push(`recovery ${f['recovery.seconds']} s`);
  return parts.join(', ');
}

/** "1 HELD, 1 VIOLATED" in the order of the verdicts' exit codes. */
export function verdictCounts(runs: readonly { readonly verdict: Verdict }[]): string {
  return VERDICTS.map((v) => [v, runs.filter((r) => r.verdict === v).length] as const)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`)
    .join(', ');
}

/**
 * The table, then for each run that did not hold its reasons (each names its cause), then the
 * count of each verdict — with the overall one first when no run has it (ABORTED before a drill
 * ended) — and where the evidence is.
 */
export function summaryTable(verdict: Verdict, runs: readonly RunLine[], outRoot: string, columns: number = DEFAULT_COLUMNS): string {
  const rows = [['DRILL', 'VERDICT', 'KEY FIGURES'], ...runs.map((r) => [r.drill, r.verdict, keyFigures(r.figures)])];
  const why = runs
    .filter((r) => r.verdict !== 'HELD' && (r.judgement?.reasons.length ?? 0) > 0)
    .map((r) => `${r.drill} ${r.verdict}:\n${(r.judgement?.reasons ?? []).map((line) => `  - ${line}`).join('\n')}\n`)
    .join('');
  const counts = verdictCounts(runs) || 'no drill ran';
  const overall = runs.some((r) => r.verdict === verdict) ? counts : `${verdict} (${counts})`;
  const reports = runs.map((r) => `  ${inEvidence(r.evidence, 'report.html')}`).join('\n');
  return `${fitTable(rows, columns)}${why ? `\n${why}` : ''}\n${overall}; evidence in ${outRoot}/, reports (open in a browser):\n${reports}\n  ${inEvidence(outRoot, 'index.html')} (every run so far)\n`;
}

/** A file in an evidence folder: a path, or an `s3://` URL (path.join would fold its `//`). */
function inEvidence(folder: string, name: string): string {
  return folder.startsWith('s3://') ? `${folder.replace(/\/+$/, '')}/${name}` : path.join(folder, name);
}

/** The catalogue as a table fitting `columns` (the hypothesis wraps at spaces). */
export function drillListTable(drills: readonly Drill[], columns: number = DEFAULT_COLUMNS): string {
  return fitTable([['ID', 'FAULT', 'HYPOTHESIS'], ...drills.map((d) => [d.id, d.fault.kind, d.hypothesis])], columns);
}

export function progressLine(drillId: string, e: TimelineEvent): string {
  const who = [e.task, e.zone].filter(Boolean).join(' ');
  return `[${drillId} +${(e.atMs / 1000).toFixed(1)}s] ${e.kind}${who ? ` ${who}` : ''}${e.detail ? ` — ${e.detail}` : ''}\n`;
}

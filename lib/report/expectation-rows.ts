/**
 * The judgement's expectations as rows a person reads: the figure in words, the bound with the
 * mode it applies to (and the other mode's, when they differ), what was measured, the outcome
 * and why the bound is what it is. Reads the judge's lines loosely, so a censored figure or a
 * cause the judge adds is shown rather than dropped. Pure.
 */
import type { Comparison, Expectation } from '../drill/types';
import type { Journal } from '../runner/journal';
import { figureLabel } from './figure-label';
import { formatFigure } from './format-figure';

export interface ExpectationRow {
  readonly figure: string;
  readonly label: string;
  /** e.g. `≤ 25 % (local bound; on AWS ≤ 15 %)`. */
  readonly bound: string;
  readonly measured: string;
  readonly outcome: 'held' | 'VIOLATED' | 'not judged';
  readonly why: string;
}

const OP: Record<Comparison, string> = { '<=': '≤', '<': '<', '>=': '≥', '>': '>', '==': '=' };

/** A judge line as this reader accepts it: the fields it knows, and the ones a newer judge may add. */
interface JudgedLine {
  figure: string;
  op: Comparison;
  bound: number;
  measured?: number;
  held: boolean | null;
  why?: string;
  /** The judge's text for a figure never reached, e.g. `> 30.2 — not recovered within 30 s`. */
  censored?: string | boolean;
  cause?: string;
  detail?: string;
  /** Why it was not measured (judges from issue 10 on). */
  notJudgedWhy?: string;
}

export function expectationRows(journal: Journal): ExpectationRow[] {
  const lines = (journal.judgement?.expectations ?? []) as JudgedLine[];
  const declared = journal.drill.expect;
  const rows = lines.length > 0 ? lines : declared.map((e) => ({ figure: e.figure, op: e.op, bound: typeof e.bound === 'number' ? e.bound : e.bound[journal.mode], held: null }) as JudgedLine);
  return rows.map((line) => {
    const spec: Expectation | undefined = declared.find((d) => d.figure === line.figure && d.op === line.op);
    const mode = journal.mode === 'aws' ? 'AWS' : 'local';
    const here = `${OP[line.op]} ${formatFigure(line.figure, line.bound)}`;
    const other = journal.mode === 'aws' ? 'local' : 'aws';
    const otherBound = spec && typeof spec.bound !== 'number' ? spec.bound[other] : undefined;
    const bound =
      otherBound === undefined || otherBound === line.bound
        ? `${here} (both modes)`
        : `${here} (${mode} bound; ${other === 'aws' ? 'on AWS' : 'locally'} ${OP[line.op]} ${formatFigure(line.figure, otherBound)})`;
    const measured =
      line.measured !== undefined ? formatFigure(line.figure, line.measured) : line.censored ? censoredText(line.figure, line.censored) : (line.notJudgedWhy ?? `not measured in ${mode} mode`);
    const outcome = line.held === null ? 'not judged' : line.held ? 'held' : 'VIOLATED';
    const why = [line.why ?? spec?.why, line.cause ?? line.detail].filter((x): x is string => Boolean(x)).join('; ');
    return { figure: line.figure, label: figureLabel(line.figure), bound, measured, outcome, why: why || '—' };
  });
}

/** `> 30.2 — not recovered within 30 s` → `> 30.2 s, never reached (not recovered within 30 s)`. */
function censoredText(figure: string, censored: string | boolean): string {
  if (typeof censored !== 'string') return 'never reached in the run';
  const m = /^>\s*(-?[\d.]+)\s*(?:—\s*(.*))?$/.exec(censored);
  if (!m) return `never reached (${censored.replace(/^not reached\s*—\s*/, '')})`;
  return `> ${formatFigure(figure, Number(m[1]))}, never reached${m[2] ? ` (${m[2]})` : ''}`;
}

/**
 * Figures + expectations → a verdict. Pure. DESIGN "Figures":
 * - a figure the mode cannot measure is "not judged" (held: null), never counted as held;
 * - a figure the mode can measure but the run never reached (the service not back to desired
 *   and healthy within the bound, no stream reaching its first event…) is *censored*: its value
 *   is only known to lie beyond a bound, and an expectation on it is VIOLATED, never "not judged";
 * - a drill whose expectations are ALL unjudged is ERROR (nothing was shown), as is a probe that
 *   asked for streams/requests and measured none.
 * Each broken expectation's reason names its cause when the runner could read one from the run.
 */
import { boundFor, type Comparison, type Expectation, type FigureName, type Figures } from '../drill';
import type { RunMode } from '../drill/types';
import type { FaultInjection } from './engine';
import type { Verdict } from './verdict';

/** A figure the run could measure but did not reach: its value lies above `above` (when known). */
export interface CensoredFigure {
  readonly above?: number;
  /** What was not reached, e.g. "not recovered within 30 s". */
  readonly reason: string;
}

export type CensoredFigures = Partial<Record<FigureName, CensoredFigure>>;

export interface ExpectationResult {
  figure: FigureName;
  op: Comparison;
  bound: number;
  measured?: number;
  /** Set when the figure was censored: "> 30.2 — not recovered within 30 s". */
  censored?: string;
  held: boolean | null;
  why?: string;
  /** Why the figure was not measured, when the run knows more than "not measured in this mode" (held is null), e.g. "the traffic profile has no jobs". */
  notJudgedWhy?: string;
  /** What caused the measured value, when the run shows it (set for broken expectations). */
  cause?: string;
}

export interface Judgement {
  verdict: Verdict;
  expectations: ExpectationResult[];
  reasons: string[];
  notJudged: FigureName[];
}

export function compare(measured: number, op: Comparison, bound: number): boolean {
  switch (op) {
    case '<=':
      return measured <= bound;
    case '<':
      return measured < bound;
    case '>=':
      return measured >= bound;
    case '>':
      return measured > bound;
    case '==':
      return measured === bound;
  }
}

export interface JudgeOutcome {
  injection?: FaultInjection;
  error?: string;
  /** The probe asked for this many streams / requests (to catch a probe that measured nothing). */
  expectedStreams?: number;
  expectedRequests?: boolean;
  /** Figures the run could measure but did not reach. */
  censored?: CensoredFigures;
  /** Why a figure has its value, read from the run (timeline, samples): shown with a broken expectation. */
  causes?: Partial<Record<FigureName, string>>;
  /** Why a figure the mode can measure has no value this run (lib/runner/unmeasured-reasons.ts). @default "not measured in <mode> mode" */
  unmeasured?: Partial<Record<FigureName, string>>;
}

/** A censored value only holds a lower bound: `> above` meets `>`/`>=` bounds at or below it, nothing else. */
function judgeCensored(c: CensoredFigure, op: Comparison, bound: number): boolean {
  return c.above !== undefined && (op === '>' || op === '>=') && c.above >= bound;
}

export function censoredText(c: CensoredFigure): string {
  return `${c.above !== undefined ? `> ${c.above}` : 'not reached'} — ${c.reason}`;
}

/**
 * Pure: the verdict of one run from its figures and the drill's expectations, for `mode`'s
 * bounds. Precedence (DESIGN "Verdicts"): an error (run, engine, or StartExperiment) → ERROR; an
 * abort → ABORTED; no fault injected → NOT_INJECTED; a probe that measured nothing it asked for,
 * or no expectation judgeable → ERROR; any expectation broken → VIOLATED; else HELD. A figure the
 * run could measure but never reached (`outcome.censored`) is broken, not "not judged". Never
 * throws; `reasons` says why in sentences, first the one that decided.
 */
export function judge(figures: Figures, expect: readonly Expectation[], mode: RunMode, outcome: JudgeOutcome): Judgement {
  const expectations: ExpectationResult[] = expect.map((e) => {
    const bound = boundFor(e.bound, mode);
    const measured = figures[e.figure];
    const censored = measured === undefined ? outcome.censored?.[e.figure] : undefined;
    const held = measured !== undefined ? compare(measured, e.op, bound) : censored !== undefined ? judgeCensored(censored, e.op, bound) : null;
    const result: ExpectationResult = { figure: e.figure, op: e.op, bound, measured, held, why: e.why };
    if (censored) result.censored = censoredText(censored);
    const unmeasured = held === null ? outcome.unmeasured?.[e.figure] : undefined;
    if (unmeasured) result.notJudgedWhy = unmeasured;
    const cause = outcome.causes?.[e.figure];
    if (held === false && cause) result.cause = cause;
    return result;
  });
  const notJudged = expectations.filter((e) => e.held === null).map((e) => e.figure);
  const broken = expectations.filter((e) => e.held === false);
  const reasons: string[] = [];
  const result = (verdict: Verdict): Judgement => ({ verdict, expectations, reasons, notJudged });
  const byWhy = new Map<string, FigureName[]>();
  for (const e of expectations) {
    if (e.held !== null) continue;
    const why = e.notJudgedWhy ?? `not measured in ${mode} mode`;
    byWhy.set(why, [...(byWhy.get(why) ?? []), e.figure]);
  }
  for (const [why, figures] of byWhy) reasons.push(`not judged (${why}): ${figures.join(', ')}`);

  if (outcome.error !== undefined) {
    reasons.unshift(`error: ${outcome.error}`);
    return result('ERROR');
  }
  const injection = outcome.injection;
  if (injection?.error !== undefined) {
    reasons.unshift(`error: ${injection.error}`);
    return result('ERROR');
  }
  if (injection?.aborted !== undefined) {
    reasons.unshift(`aborted: ${injection.aborted}`);
    return result('ABORTED');
  }
  if (injection === undefined || !injection.injected) {
    reasons.unshift(`fault not injected${injection?.reason ? `: ${injection.reason}` : ''}`);
    return result('NOT_INJECTED');
  }
  if ((outcome.expectedStreams ?? 0) > 0 && (figures['streams.total'] ?? 0) === 0) {
    reasons.unshift(`the probe asked for ${outcome.expectedStreams} streams and measured none`);
    return result('ERROR');
  }
  if (outcome.expectedRequests === true && figures['requests.total'] === 0) {
    reasons.unshift('the probe asked for requests and measured none');
    return result('ERROR');
  }
  if (expectations.length > 0 && notJudged.length === expectations.length) {
    reasons.unshift('no expectation could be judged: nothing was shown');
    return result('ERROR');
  }
  for (const e of broken) reasons.push(brokenReason(e, outcome.censored?.[e.figure]));
  if (broken.length > 0) return result('VIOLATED');
  reasons.unshift(`every judged expectation held (${expectations.length - notJudged.length} of ${expectations.length})`);
  return result('HELD');
}

/**
 * "requests.errorRate = 0.09 breaks <= 0.01: 9 × 502 between +2.6 s and +3.5 s",
 * "recovery.seconds > 30.2 breaks <= 20: not recovered within 30 s (…)".
 */
function brokenReason(e: ExpectationResult, censored: CensoredFigure | undefined): string {
  const value = e.measured !== undefined ? `= ${e.measured}` : censored?.above !== undefined ? `> ${censored.above}` : 'not reached';
  const why = [e.measured === undefined ? censored?.reason : undefined, e.cause].filter(Boolean).join('; ');
  return `${e.figure} ${value} breaks ${e.op} ${e.bound}${why ? `: ${why}` : ''}`;
}

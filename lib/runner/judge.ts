/**
 * Figures + expectations → a verdict. Pure. A figure the mode could not measure is "not judged"
 * (held: null), never counted as held. A drill whose expectations are ALL unjudged is ERROR
 * (nothing was shown), as is a probe that asked for streams/requests and measured none.
 */
import { boundFor, type Comparison, type Expectation, type FigureName, type Figures } from '../drill';
import type { RunMode } from '../drill/types';
import type { FaultInjection } from './engine';
import type { Verdict } from './verdict';

export interface ExpectationResult {
  figure: FigureName;
  op: Comparison;
  bound: number;
  measured?: number;
  held: boolean | null;
  why?: string;
}

export interface Judgement {
  verdict: Verdict;
  expectations: ExpectationResult[];
  reasons: string[];
  notJudged: FigureName[];
}

export function compare(measured: number, op: Comparison, bound: number): boolean {
  switch (op) {
    case '<=': return measured <= bound;
    case '<': return measured < bound;
    case '>=': return measured >= bound;
    case '>': return measured > bound;
    case '==': return measured === bound;
  }
}

export interface JudgeOutcome {
  injection?: FaultInjection;
  error?: string;
  /** The probe asked for this many streams / requests (to catch a probe that measured nothing). */
  expectedStreams?: number;
  expectedRequests?: boolean;
}

export function judge(figures: Figures, expect: readonly Expectation[], mode: RunMode, outcome: JudgeOutcome): Judgement {
  const expectations: ExpectationResult[] = expect.map((e) => {
    const bound = boundFor(e.bound, mode);
    const measured = figures[e.figure];
    const held = measured === undefined ? null : compare(measured, e.op, bound);
    return { figure: e.figure, op: e.op, bound, measured, held, why: e.why };
  });
  const notJudged = expectations.filter((e) => e.held === null).map((e) => e.figure);
  const broken = expectations.filter((e) => e.held === false);
  const reasons: string[] = [];
  const result = (verdict: Verdict): Judgement => ({ verdict, expectations, reasons, notJudged });
  if (notJudged.length > 0) reasons.push(`not judged (not measured in ${mode} mode): ${notJudged.join(', ')}`);

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
  for (const e of broken) reasons.push(`${e.figure} = ${e.measured} breaks ${e.op} ${e.bound}`);
  if (broken.length > 0) return result('VIOLATED');
  reasons.unshift(`every judged expectation held (${expectations.length - notJudged.length} of ${expectations.length})`);
  return result('HELD');
}

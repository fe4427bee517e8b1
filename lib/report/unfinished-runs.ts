/**
 * The JUnit test cases of drills a command knew but that never gave a verdict of their own: the
 * command stopped first (AWS unreachable, preflight refused, a bad config, the runner threw).
 * Each carries the command's message, so CI shows why. The verdict follows the exit code
 * (DESIGN "Verdicts and exit codes"): 3 ABORTED (a `<skipped>`), 4 NOT_INJECTED, anything else
 * ERROR (both `<error>`). Pure.
 */
import type { RunMode } from '../drill/types';
import type { Verdict } from '../runner/verdict';
import type { JunitRun } from './junit-xml';

export interface KnownDrill {
  readonly id: string;
  readonly title?: string;
}

export function unfinishedRuns(drills: readonly KnownDrill[], exitCode: number, messages: readonly string[], mode: RunMode): JunitRun[] {
  const verdict: Verdict = exitCode === 3 ? 'ABORTED' : exitCode === 4 ? 'NOT_INJECTED' : 'ERROR';
  const said = messages.map((m) => m.trim()).filter((m) => m.length > 0);
  const reasons = said.length > 0 ? said : [`the command ended with exit code ${exitCode} before the drill gave a verdict`];
  return drills.map((d) => ({ drill: d.id, title: d.title, verdict, reasons, mode }));
}

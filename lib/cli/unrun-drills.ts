/**
 * The JUnit view of the drills a rehearsal was asked for but that gave no verdict: the one whose
 * runner threw is an ERROR with the exception's message (its folder as evidence, when it was
 * created); the ones after it, or after an abort or a service that never came up, are ABORTED
 * "not run" with the reason. So `--junit` always has one test case per drill. Pure.
 */
import type { FinishedRun } from './finish-runs';

export interface UnrunContext {
  /** The drills the command was asked for, in order. */
  readonly drills: readonly { readonly id: string; readonly title: string }[];
  /** The drills that gave a verdict. */
  readonly ran: readonly { readonly drill: string }[];
  /** The drill whose runner threw, its run id, and what it threw. */
  readonly thrown?: { readonly drill: string; readonly runId: string; readonly error: unknown };
  /** Why the rest were not run (an abort, a service that did not come up). @default - they were all run */
  readonly stoppedBecause?: string;
  /** A run's folder, for people (EvidenceStore.folder(drill, runId).location). */
  readonly folderOf: (drill: string, runId: string) => string;
}

export function unrunDrills(context: UnrunContext): FinishedRun[] {
  const ran = new Set(context.ran.map((r) => r.drill));
  const { thrown } = context;
  const because = thrown ? `${thrown.drill} failed first` : context.stoppedBecause;
  return context.drills
    .filter((d) => !ran.has(d.id))
    .map((d): FinishedRun => {
      if (thrown?.drill === d.id) {
        const message = thrown.error instanceof Error ? thrown.error.message : String(thrown.error);
        return { drill: d.id, title: d.title, verdict: 'ERROR', runId: thrown.runId, evidence: context.folderOf(d.id, thrown.runId), judgement: { reasons: [`the runner failed: ${message}`] } };
      }
      return { drill: d.id, title: d.title, verdict: 'ABORTED', judgement: { reasons: [`not run: ${because ?? 'the rehearsal ended before it'}`] } };
    });
}

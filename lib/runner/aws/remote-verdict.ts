/**
 * The outcome of a remote run, as a local run would have had it: the verdict and exit code come
 * from the run's journal (the runner wrote it to S3), the container's exit code is the cross-check,
 * and a task that stopped without a finished journal is an ERROR with ECS's stop reason — unless
 * the runner itself ended before any drill started (exit 2, bad arguments or config; exit 3, refused: the
 * service lock or preflight), which a local run reports the same way. Pure.
 */
import type { Journal } from '../journal';
import { EXIT_CODE, exitCodeOf, type Verdict } from '../verdict';
import type { RunnerTaskView } from './runner-task-api';

export interface RemoteOutcome {
  readonly exit: number;
  /** Undefined only for exit 2 (the runner refused its arguments: no run, no verdict). */
  readonly verdict?: Verdict;
  /** The finished journal, when there is one. */
  readonly journal?: Journal;
  /** Why there is no verdict from a journal, for the operator. */
  readonly reason?: string;
  /** Set when the container's exit code says otherwise than the journal. */
  readonly mismatch?: string;
}

/** How ECS says the task ended: stop code, reason, the container's exit code. */
export function stopDescription(task: RunnerTaskView | undefined): string {
  if (!task) return 'ECS no longer knows the task';
  const parts = [task.stopCode, task.stoppedReason, task.containerReason].filter(Boolean);
  return `${parts.join(': ') || 'no stop reason given'}; container exit code ${task.exitCode ?? 'none'}`;
}

export function remoteOutcome(journal: Journal | undefined, task: RunnerTaskView | undefined): RemoteOutcome {
  const exitCode = task?.exitCode;
  const verdict = journal?.judgement?.verdict;
  if (journal && verdict && journal.endedAt) {
    const exit = exitCodeOf(verdict);
    const mismatch = exitCode !== undefined && exitCode !== exit ? `the runner container exited ${exitCode}, its journal says ${verdict} (exit ${exit}); the journal decides` : undefined;
    return { exit, verdict, journal, ...(mismatch ? { mismatch } : {}) };
  }
  if (journal) {
    return { exit: EXIT_CODE.ERROR, verdict: 'ERROR', reason: `the runner task stopped before its run ended (${stopDescription(task)}); the journal keeps what it saw up to then` };
  }
  if (exitCode === EXIT_CODE.ABORTED) {
    return { exit: EXIT_CODE.ABORTED, verdict: 'ABORTED', reason: 'the runner refused before starting the drill (its log above says why); nothing was started' };
  }
  if (exitCode === EXIT_CODE.USAGE) {
    return {
      exit: EXIT_CODE.USAGE,
      reason:
        'the runner task refused its command line or its config (its log above says why): a bad DRILLS_SERVICE_PROFILE names itself (fix the service settings and redeploy); otherwise check that the deployed runner image is as new as this CLI',
    };
  }
  return { exit: EXIT_CODE.ERROR, verdict: 'ERROR', reason: `the runner task stopped without a journal (${stopDescription(task)})` };
}

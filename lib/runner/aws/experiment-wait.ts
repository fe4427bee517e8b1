/**
 * "Stop an FIS experiment and wait until FIS says it is final", and "wait until it is final",
 * written once for the engine's stop, `drills stop` and the preflight dry run.
 *
 * AWS facts used (../shared/reference/fis-facts.md): StopExperiment is `DELETE
 * /experiments/{id}` and answers with the experiment, whose actions then move through
 * `stopping` to `stopped`; the final states are completed, stopped, failed and cancelled (FIS
 * user guide, "experiment states"); FIS's own errors are ValidationException (400),
 * ConflictException (409), ResourceNotFoundException (404) and ServiceQuotaExceededException
 * (402), and throttling comes as the SDK's usual throttling errors. No published rate limit for
 * GetExperiment was found, hence the backoff.
 */
import { describeError } from './aws-error';
import { isFinal } from './experiment-state';
import type { ExperimentView, FisApi } from './fis-api';
import { nextDelay, type PollSettings } from './poll';

/** How FIS is asked while a stop completes: soon after the stop, then every 5 s at most, so the command ends within 5 s of FIS saying `stopped`. */
export const STOP_POLL: PollSettings = { initialMs: 1000, maxMs: 5000, factor: 1.5 };
/** The longest wait for a final state. @default 3 minutes */
export const DEFAULT_WAIT_MS = 180_000;

export interface ExperimentWaitOptions {
  readonly fis: Pick<FisApi, 'getExperiment' | 'stopExperiment'>;
  /** Longest wait, in ms, for a final state (from the stop being sent, or from the call). @default DEFAULT_WAIT_MS */
  readonly timeoutMs?: number;
  /** GetExperiment backoff. @default STOP_POLL */
  readonly poll?: PollSettings;
  /** Ends the *wait* early (outcome `cancelled`); a stop already decided is still sent first. */
  readonly signal?: AbortSignal;
  /** Every answer FIS gives about the experiment, in order (keep a view current, log progress). */
  readonly onExperiment?: (experiment: ExperimentView) => void;
  /** A call that failed (retried, or given up on), described for the timeline. */
  readonly onNote?: (detail: string) => void;
  /** StopExperiment attempts when the error may pass (throttling, 5xx, network). @default 5 */
  readonly stopAttempts?: number;
}

/** `final`: FIS said so. `timed-out`: the bound passed first. `cancelled`: the signal ended the wait. `stop-failed`: StopExperiment was refused. */
export type WaitEnd = 'final' | 'timed-out' | 'cancelled' | 'stop-failed';

export interface ExperimentWaitOutcome {
  /** FIS's latest answer (the view passed in when FIS never answered). */
  readonly experiment: ExperimentView;
  readonly end: WaitEnd;
  /** With `stop-failed`: why StopExperiment was not accepted, described. */
  readonly stopError?: string;
}

/**
 * Polls GetExperiment with backoff until the experiment is final, the bound passes or the signal
 * aborts. A failed GetExperiment is noted and polled again. Never throws.
 */
export async function waitUntilFinal(current: ExperimentView, options: ExperimentWaitOptions): Promise<ExperimentWaitOutcome> {
  const poll = options.poll ?? STOP_POLL;
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_WAIT_MS);
  let experiment = current;
  let wait = poll.initialMs;
  while (!isFinal(experiment.status)) {
    if (options.signal?.aborted) return { experiment, end: 'cancelled' };
    const left = deadline - Date.now();
    if (left <= 0) return { experiment, end: 'timed-out' };
    await sleep(Math.min(wait, left), options.signal);
    if (options.signal?.aborted) return { experiment, end: 'cancelled' };
    wait = nextDelay(wait, poll);
    try {
      experiment = await options.fis.getExperiment(experiment.id);
      options.onExperiment?.(experiment);
    } catch (err) {
      options.onNote?.(`GetExperiment ${experiment.id}: ${describeError(err)}`);
    }
  }
  return { experiment, end: 'final' };
}

/**
 * Sends StopExperiment (retried with a growing pause while the error may pass), then waits as
 * `waitUntilFinal` does. A ConflictException (the experiment is not in a state that can be
 * stopped: already stopping or ending) is not a failure: the wait tells how it ends. Any other
 * refusal (access denied, not found, validation, or retries used up) returns `stop-failed` at
 * once with the error. Never throws.
 */
export async function stopAndWait(current: ExperimentView, options: ExperimentWaitOptions): Promise<ExperimentWaitOutcome> {
  if (isFinal(current.status)) return { experiment: current, end: 'final' };
  const attempts = options.stopAttempts ?? 5;
  let experiment = current;
  for (let attempt = 1; ; attempt++) {
    try {
      experiment = await options.fis.stopExperiment(current.id);
      options.onExperiment?.(experiment);
      break;
    } catch (err) {
      const detail = `StopExperiment ${current.id}: ${describeError(err)}`;
      if (errorName(err) === 'ConflictException') {
        options.onNote?.(`${detail} (already stopping or ended; waiting for its final state)`);
        break;
      }
      if (!mayPass(err) || attempt >= attempts) {
        options.onNote?.(detail);
        return { experiment, end: 'stop-failed', stopError: describeError(err) };
      }
      options.onNote?.(`${detail} (attempt ${attempt} of ${attempts}; retrying)`);
      await sleep(500 * attempt);
    }
  }
  return waitUntilFinal(experiment, options);
}

function errorName(err: unknown): string {
  return String((err as { name?: unknown })?.name ?? '');
}

/** Throttling, a server-side fault or a connection that failed: worth another try. */
function mayPass(err: unknown): boolean {
  const e = err as { $fault?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  if (/throttl|toomanyrequests|requestlimitexceeded|timeout/i.test(errorName(err))) return true;
  if (e?.$fault === 'server' || (e?.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  return ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN'].includes(String(e?.code));
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

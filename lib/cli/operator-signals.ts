/**
 * The operator's signals, the same way for every command that starts something: SIGINT (Ctrl-C),
 * SIGTERM (a supervisor, `kill`) and SIGHUP (the terminal closed, the SSH session dropped) all
 * mean "stop what you started, leave evidence, exit ABORTED" (DESIGN.md, runner step 4). The
 * first one aborts; each later one is told what is still being waited for — the command decides
 * whether that is also a reason to leave sooner (rehearse may; run never leaves before FIS says
 * the experiment is final).
 */

/** The signals that mean "the operator wants this to stop". */
export const OPERATOR_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type OperatorSignal = (typeof OPERATOR_SIGNALS)[number];

export interface OperatorSignalsOptions {
  /** Where the signals come from. @default process */
  readonly source?: Pick<NodeJS.Process, 'on' | 'off'>;
  /** Runs on the first signal, before the abort is delivered (say what stopping now means). */
  readonly onFirst: (name: OperatorSignal) => void;
  /** Runs on every later signal; `count` is 2 for the second one (say what is still being waited for). */
  readonly onRepeat: (name: OperatorSignal, count: number) => void;
  /**
   * The same signal again within this many ms is taken as one operator act delivered twice (npx
   * may pass on the terminal's SIGINT to a child that already got it, npm/cli#8164) and ignored.
   * Worth setting where a repeat does more than talk (rehearse forces the exit).
   * @default 0 - every signal counts
   */
  readonly echoMs?: number;
}

/** What `listenForOperatorSignals` returns: the abort to hand down, and the way to stop listening. */
export interface OperatorSignals {
  /** Aborted on the first signal; its reason is an Error `operator abort (<SIGNAL>)`. */
  readonly signal: AbortSignal;
  /** How many operator signals arrived so far. */
  readonly received: () => number;
  /** Removes the listeners (the default handlers come back). Safe to call twice. */
  readonly dispose: () => void;
}

/**
 * Listens for SIGINT, SIGTERM and SIGHUP until `dispose()`. While it listens none of them ends
 * the process by itself: SIGHUP no longer kills at once (exit 129) with the fault still in.
 * Never throws; a throwing callback is ignored so the abort still happens.
 */
export function listenForOperatorSignals(options: OperatorSignalsOptions): OperatorSignals {
  const source = options.source ?? process;
  const controller = new AbortController();
  let count = 0;
  let last: { name: OperatorSignal; at: number } | undefined;
  const handlers = OPERATOR_SIGNALS.map((name) => {
    const handler = (): void => {
      const now = Date.now();
      const echo = last?.name === name && now - last.at < (options.echoMs ?? 0);
      last = { name, at: now };
      if (echo) return;
      count += 1;
      if (count === 1) {
        quietly(() => options.onFirst(name));
        controller.abort(new Error(`operator abort (${name})`));
      } else {
        quietly(() => options.onRepeat(name, count));
      }
    };
    source.on(name, handler);
    return { name, handler };
  });
  let disposed = false;
  return {
    signal: controller.signal,
    received: () => count,
    dispose: () => {
      if (disposed) return;
      disposed = true;
      for (const { name, handler } of handlers) source.off(name, handler);
    },
  };
}

function quietly(fn: () => void): void {
  try {
    fn();
  } catch {
    // a notice that could not be shown (the terminal is gone) must not stop the stop
  }
}

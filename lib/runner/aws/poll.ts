/** Polling with backoff, and a sleep that an abort (Ctrl-C) cuts short. */

export interface PollSettings {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
}

export const DEFAULT_POLL: PollSettings = { initialMs: 1000, maxMs: 10_000, factor: 1.5 };

/** The next wait: grows by `factor` up to `maxMs`. */
export function nextDelay(currentMs: number, settings: PollSettings): number {
  return Math.min(settings.maxMs, Math.max(settings.initialMs, Math.round(currentMs * settings.factor)));
}

/** Resolves after `ms`, or at once when `wake()` is called (e.g. the operator pressed Ctrl-C). */
export class Sleeper {
  private wakers = new Set<() => void>();

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }

  wake(): void {
    for (const w of [...this.wakers]) w();
  }
}

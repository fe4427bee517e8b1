/** How a client waits between reconnect attempts. */
export interface BackoffSettings {
  /** The first wait's ceiling, ms. */
  readonly baseMs: number;
  /** No wait is longer than this, ms. */
  readonly capMs: number;
}

/**
 * Exponential backoff with full jitter: attempt n (0-based) waits a uniformly random time in
 * [0, min(cap, base × 2^n)). Spreading the waits is what keeps a fleet whose connections all
 * dropped at once (a failover) from reconnecting in one storm. Pure; `random` in [0, 1).
 */
export function backoffDelayMs(attempt: number, settings: BackoffSettings, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.capMs, settings.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

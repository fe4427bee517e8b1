import type { CheckResult } from './http-check';

/**
 * Runs a check every `intervalMs` (never two at once) until stopped; each result goes to
 * `onResult`. Used for the load balancer's target checks and the container health check.
 */
export class HealthCheckLoop {
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly check: () => Promise<CheckResult>,
    private readonly intervalMs: number,
    private readonly onResult: (result: CheckResult) => void,
    firstDelayMs = 0,
  ) {
    this.schedule(firstDelayMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.run(), delayMs);
  }

  private async run(): Promise<void> {
    const started = Date.now();
    const result = await this.check().catch((err: Error) => ({ ok: false, detail: err.message }));
    if (this.stopped) return;
    this.onResult(result);
    this.schedule(Math.max(0, this.intervalMs - (Date.now() - started)));
  }
}

/**
 * Dead-man's switch (off by default, `--heartbeat`): while a drill runs, publish the share of
 * probe requests that succeeded to CloudWatch every 10 s at high resolution (namespace
 * `FisDrills`, metric `ProbeSuccess`, dimension `Service`). A stop-condition alarm on it that
 * treats missing data as breaching stops the experiment if the runner dies or loses the network.
 */
import type { MetricsApi } from './metrics-api';

export const HEARTBEAT_NAMESPACE = 'FisDrills';
export const HEARTBEAT_METRIC = 'ProbeSuccess';
export const HEARTBEAT_INTERVAL_MS = 10_000;

/** Pure: the value published for one interval — successes / samples; 0 when nothing was probed. */
export function heartbeatValue(successes: number, samples: number): number {
  return samples === 0 ? 0 : successes / samples;
}

export class HeartbeatPublisher {
  private successes = 0;
  private samples = 0;
  private timer?: NodeJS.Timeout;
  private failures = 0;

  constructor(
    private readonly metrics: MetricsApi,
    private readonly serviceName: string,
    private readonly onError: (message: string) => void = () => undefined,
    private readonly intervalMs = HEARTBEAT_INTERVAL_MS,
  ) {}

  /** Count one probe result. */
  record(ok: boolean): void {
    this.samples++;
    if (ok) this.successes++;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    const value = heartbeatValue(this.successes, this.samples);
    this.successes = 0;
    this.samples = 0;
    try {
      await this.metrics.putMetricData([{ namespace: HEARTBEAT_NAMESPACE, metric: HEARTBEAT_METRIC, dimensions: { Service: this.serviceName }, value, at: new Date(), storageResolution: 1 }]);
      this.failures = 0;
    } catch (err) {
      if (++this.failures === 1) this.onError(`heartbeat: PutMetricData failed: ${(err as Error).message}`);
    }
  }

  /** Stop publishing; the alarm then sees missing data (breaching) if an experiment still runs. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/**
 * Dead-man's switch (off by default, `--heartbeat`): while a drill runs, publish how many probe
 * requests succeeded, every 10 s at high resolution, under `probeHeartbeatDimensions(<the ECS
 * service's physical name>)` — the module lib/workload's `probe-heartbeat` alarm takes its
 * namespace, metric and dimensions from. That alarm trips when the Sum over 10 s stays below 1 for three
 * periods and treats missing data as breaching, so FIS stops the experiment when the runner
 * dies, loses the network, or stops seeing a healthy service.
 */
import { PROBE_HEARTBEAT_METRIC, PROBE_HEARTBEAT_NAMESPACE, PROBE_HEARTBEAT_PERIOD_SECONDS, probeHeartbeatDimensions } from '../../workload/probe-heartbeat';
import type { MetricsApi } from './metrics-api';

export const HEARTBEAT_INTERVAL_MS = PROBE_HEARTBEAT_PERIOD_SECONDS * 1000;

/** lib/workload names the switch's alarm `<service>-probe-heartbeat`. */
const HEARTBEAT_ALARM_SUFFIX = '-probe-heartbeat';

/** Pure: is this stop-condition alarm the dead-man's switch (OK only while a runner publishes)? */
export function isHeartbeatAlarm(alarmName: string): boolean {
  return alarmName.endsWith(HEARTBEAT_ALARM_SUFFIX);
}

/**
 * Pure: preflight failed, and only on dead-man's switch alarms. With no runner publishing, that
 * alarm sits in ALARM (missing data is breaching); once `--heartbeat` publishes it turns OK, so
 * `drills run` waits (bounded) instead of refusing.
 */
export function failedOnlyOnHeartbeat(checks: readonly { name: string; ok: boolean }[]): boolean {
  const failed = checks.filter((c) => !c.ok);
  return failed.length > 0 && failed.every((c) => c.name.startsWith('alarm ') && isHeartbeatAlarm(c.name.slice('alarm '.length)));
}

/** Pure: the value published for one interval — the successful probes in it (0 when none). */
export function heartbeatValue(successes: number): number {
  return successes;
}

export class HeartbeatPublisher {
  private successes = 0;
  private timer?: NodeJS.Timeout;
  private probeTimer?: NodeJS.Timeout;
  private failures = 0;
  private inFlight?: Promise<void>;

  constructor(
    private readonly metrics: MetricsApi,
    private readonly serviceName: string,
    private readonly onError: (message: string) => void = () => undefined,
    private readonly intervalMs = HEARTBEAT_INTERVAL_MS,
  ) {}

  /** Count one probe result. */
  record(ok: boolean): void {
    if (ok) this.successes++;
  }

  /**
   * Start publishing. With `probe`, the publisher also checks the service itself every
   * `probeEveryMs` (the runner's own view, independent of the drill's probe load).
   */
  start(probe?: () => Promise<boolean>, probeEveryMs = 2000): void {
    this.timer ??= setInterval(() => void (this.inFlight = this.flush()), this.intervalMs);
    this.timer.unref();
    if (probe && !this.probeTimer) {
      this.probeTimer = setInterval(
        () =>
          void probe().then(
            (ok) => this.record(ok),
            () => this.record(false),
          ),
        probeEveryMs,
      );
      this.probeTimer.unref();
    }
  }

  async flush(): Promise<void> {
    const value = heartbeatValue(this.successes);
    this.successes = 0;
    try {
      await this.metrics.putMetricData([
        { namespace: PROBE_HEARTBEAT_NAMESPACE, metric: PROBE_HEARTBEAT_METRIC, dimensions: probeHeartbeatDimensions(this.serviceName), value, at: new Date(), storageResolution: 1 },
      ]);
      this.failures = 0;
    } catch (err) {
      if (++this.failures === 1) this.onError(`heartbeat: PutMetricData failed: ${(err as Error).message}`);
    }
  }

  /**
   * Stop publishing; the alarm then sees missing data (breaching) if an experiment still runs.
   * Resolves once a PutMetricData already under way has ended, so none outlives its clients.
   */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.timer = undefined;
    this.probeTimer = undefined;
    await this.inFlight;
  }
}

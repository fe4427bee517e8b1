/**
 * tasks.running.min from ECS itself through the fault: DescribeServices every `everyMs` while the
 * experiment runs (and on each recovery poll), so a dip to zero is seen when it happens rather
 * than a minute or more later through Container Insights. Bounded: one call at a time, at most
 * one per `everyMs` (default 5 s — far below the ECS cluster-read throttling bucket of 50
 * requests, ECS API Reference "Request throttling for the Amazon ECS API"), and at most
 * `maxSamples` calls. A failed call is a note (once per distinct message), never a figure.
 */
import { describeError } from './aws-error';
import { Sleeper } from './poll';
import type { MetricReading } from '../samples';
import type { DeployedService } from './resolve-outputs';
import type { ServiceApi } from './service-api';

export interface RunningSample {
  readonly at: Date;
  readonly running: number;
  readonly desired: number;
  /** `fault`: sampled while FIS ran the experiment; `recovery`: a recovery poll. */
  readonly phase: 'fault' | 'recovery';
}

export interface RunningSamplerOptions {
  /** @default 5000 */
  readonly everyMs?: number;
  /** @default 2000 (a 5 s poll covers close to three hours) */
  readonly maxSamples?: number;
  readonly now?: () => Date;
  readonly onError?: (message: string) => void;
}

export class RunningSampler {
  private readonly samples: RunningSample[] = [];
  private readonly sleeper = new Sleeper();
  private readonly errors = new Set<string>();
  private stopped = false;
  private loop?: Promise<void>;

  constructor(
    private readonly service: ServiceApi,
    private readonly deployed: Pick<DeployedService, 'clusterName' | 'serviceName'>,
    private readonly options: RunningSamplerOptions = {},
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Ends the loop; resolves once a call under way has answered. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.sleeper.wake();
    await this.loop;
  }

  record(running: number, desired: number, phase: RunningSample['phase']): void {
    this.samples.push({ at: this.now(), running, desired, phase });
  }

  get all(): readonly RunningSample[] {
    return this.samples;
  }

  /** Each sample as two journal readings: ECS's `runningCount` and `desiredCount` at the moment it answered. */
  readings(): MetricReading[] {
    return this.samples.flatMap((s) => [
      { at: s.at, source: 'ecs' as const, metric: 'runningCount', phase: s.phase, value: s.running },
      { at: s.at, source: 'ecs' as const, metric: 'desiredCount', phase: s.phase, value: s.desired },
    ]);
  }

  /** The lowest ECS sample (the earliest of equals); undefined before the first answer. */
  minimum(): RunningSample | undefined {
    return this.samples.reduce<RunningSample | undefined>((low, s) => (low === undefined || s.running < low.running ? s : low), undefined);
  }

  /** One line for the journal: which source gave tasks.running.min, and what each saw. */
  sourcesNote(containerInsightsMin: number | undefined, periodSeconds: number): string | undefined {
    const low = this.minimum();
    const fault = this.samples.filter((s) => s.phase === 'fault').length;
    const ecs = low
      ? `ECS DescribeServices: minimum ${low.running} at ${low.at.toISOString()} over ${this.samples.length} samples (${fault} during the fault, every ${(this.options.everyMs ?? 5000) / 1000} s)`
      : 'ECS DescribeServices: no sample';
    const ci = containerInsightsMin === undefined ? 'Container Insights: no datapoint' : `Container Insights RunningTaskCount: ${periodSeconds} s Minimum ${containerInsightsMin}`;
    if (!low && containerInsightsMin === undefined) return undefined;
    const from = low && (containerInsightsMin === undefined || low.running <= containerInsightsMin) ? 'ECS DescribeServices' : 'Container Insights';
    return `tasks.running.min from ${from} (${ecs}; ${ci})`;
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  private async run(): Promise<void> {
    const max = this.options.maxSamples ?? 2000;
    for (let n = 0; !this.stopped && n < max; n++) {
      try {
        const svc = await this.service.describeService(this.deployed.clusterName, this.deployed.serviceName);
        if (!this.stopped) this.record(svc.running, svc.desired, 'fault');
      } catch (err) {
        const message = `ECS DescribeServices during the fault failed: ${describeError(err)}`;
        if (!this.errors.has(message)) this.options.onError?.(message);
        this.errors.add(message);
      }
      if (this.stopped) break;
      await this.sleeper.sleep(this.options.everyMs ?? 5000);
    }
  }
}

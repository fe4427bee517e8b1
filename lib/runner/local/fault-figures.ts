import type { Figures } from '../../drill';

/** Fleet and load-balancer counts at one moment. */
export interface FleetSample {
  readonly running: number;
  readonly lbHealthy: number;
}

/**
 * The engine-side figures of one fault, measured from its injection: the lowest running and
 * healthy counts, the load balancer's own 5xx, when the first replacement started and became
 * healthy, and when the service was back to desired. Pure bookkeeping; times in ms.
 */
export class FaultFigures {
  private faultAtMs?: number;
  private targets = 0;
  private runningMin = Infinity;
  private healthyMin = Infinity;
  private elb5xxAtFault = 0;
  private replacementStartedAtMs?: number;
  private replacementHealthyAtMs?: number;
  private recoveredAtMs?: number;

  begin(atMs: number, targets: number, elb5xx: number, sample: FleetSample): void {
    this.faultAtMs = atMs;
    this.targets = targets;
    this.elb5xxAtFault = elb5xx;
    this.sample(sample);
  }

  get began(): boolean {
    return this.faultAtMs !== undefined;
  }

  get faultAt(): number | undefined {
    return this.faultAtMs;
  }

  get recovered(): boolean {
    return this.recoveredAtMs !== undefined;
  }

  sample(sample: FleetSample): void {
    if (this.faultAtMs === undefined || this.recoveredAtMs !== undefined) return;
    this.runningMin = Math.min(this.runningMin, sample.running);
    this.healthyMin = Math.min(this.healthyMin, sample.lbHealthy);
  }

  replacementStarted(atMs: number): void {
    if (this.faultAtMs !== undefined && atMs >= this.faultAtMs) this.replacementStartedAtMs ??= atMs;
  }

  replacementHealthy(atMs: number): void {
    if (this.faultAtMs !== undefined && atMs >= this.faultAtMs) this.replacementHealthyAtMs ??= atMs;
  }

  recover(atMs: number): void {
    if (this.faultAtMs !== undefined) this.recoveredAtMs ??= atMs;
  }

  figures(counts: { readonly sigkilled: number; readonly elb5xx: number }): Figures {
    if (this.faultAtMs === undefined) return {};
    const since = (atMs: number | undefined) => (atMs === undefined ? undefined : round((atMs - (this.faultAtMs as number)) / 1000));
    const figures: Figures = {
      'fault.targets': this.targets,
      'tasks.sigkilled': counts.sigkilled,
      'alb.5xx': counts.elb5xx - this.elb5xxAtFault,
      'tasks.running.min': this.runningMin,
      'alb.healthyHosts.min': this.healthyMin,
    };
    const optional: Figures = {
      'recovery.seconds': since(this.recoveredAtMs),
      'replacement.launchSeconds': since(this.replacementStartedAtMs),
      'replacement.healthySeconds': since(this.replacementHealthyAtMs),
    };
    for (const [name, value] of Object.entries(optional)) if (value !== undefined) figures[name as keyof Figures] = value;
    return figures;
  }
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

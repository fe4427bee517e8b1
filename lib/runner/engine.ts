import type { Drill } from '../drill';
import type { FigureName, Figures } from '../drill/figures';
import type { RunMode } from '../drill/types';
import type { MetricReading, TimelineEntry } from './samples';

/** The outcome of injecting a fault. `injected: false` means it hit nothing (NOT_INJECTED). */
export interface FaultInjection {
  readonly injected: boolean;
  /** Task ids (or subnet ids) the fault hit. */
  readonly targets: readonly string[];
  /** Why nothing was injected, or what went wrong. */
  readonly reason?: string;
  /** Set when a stop condition or the operator stopped the fault (ABORTED). */
  readonly aborted?: string;
  /** Set when the runner or the platform failed (ERROR), e.g. FIS `failed` with its error. */
  readonly error?: string;
}

/**
 * Where a drill's fault lands: the local fleet (`lib/runner/local`) or AWS FIS
 * (`lib/runner/aws`). The runner core drives either the same way:
 * start → (probes, warm-up) → inject → awaitRecovery → figures → close.
 */
export interface Engine {
  readonly mode: RunMode;
  /**
   * A response header this engine's platform adds naming the task that served (the local load
   * balancer stamps one). @default - none: the traffic profile's taskHeader, if any
   */
  readonly taskHeader?: string;
  /** The FIS experiment this engine started, once StartExperiment answered (aws mode); journalled and printed with the run. @default - none (local mode) */
  readonly experimentId?: string;
  /** Bring the service up (local) or check it (aws); resolves with the URL probes use. */
  start(): Promise<{ readonly serviceUrl: string }>;
  /** Inject the drill's fault; resolves once it has been delivered (or failed to be). */
  inject(drill: Drill): Promise<FaultInjection>;
  /** Wait, up to the bound, until running = desired and healthy = desired again. */
  awaitRecovery(timeoutMs: number): Promise<{ readonly recovered: boolean }>;
  /** The figures only the engine can see (tasks.sigkilled, recovery.seconds, …); unmeasured ones left out. */
  figures(): Figures;
  /**
   * Metric readings the platform gave (AWS: CloudWatch datapoints, ECS DescribeServices reads),
   * kept in the journal as `samples.metrics`. @default - none (the local engine's fleet is on the timeline)
   */
  metricReadings?(): readonly MetricReading[];
  /**
   * The engine figures this engine can measure. One of them missing after an injected run was
   * not reached (censored, the expectation VIOLATED), not "not judged". @default - none declared
   */
  readonly measurable?: readonly FigureName[];
  /**
   * When the dependency of a database drill was reachable again, wall time (AWS: the end of FIS's
   * black-hole action); undefined when the engine cannot tell. `dependency.recoverySeconds` is
   * counted from it. @default - the first `fault-ended` on the run's timeline after the injection
   */
  dependencyBackAt?(): Date | undefined;
  /**
   * Why figures this engine leaves out are missing (AWS: no CloudWatch metric for them, or a read
   * that failed), shown with "not judged". @default - none: "not measured in <mode> mode"
   */
  unmeasuredReasons?(): Partial<Record<FigureName, string>>;
  /** What is not back yet, for "not recovered within N s" (e.g. "healthy 1/2; t3-zone-a: GET /healthz answered 503"). */
  recoveryState?(): string;
  /** Stop the fault if it still runs and release everything the engine started. Safe to call twice. */
  close(): Promise<void>;
}

/** Engines report what happens through this sink; the runner stamps and journals it. */
export type TimelineSink = (entry: TimelineEntry) => void;

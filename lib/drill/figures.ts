/**
 * The figures a drill is judged on. The same names in local and AWS mode (DESIGN "Figures").
 * A figure a mode cannot measure is left out of the figure map (unmeasured), never set to 0.
 */
export const FIGURE_NAMES = [
  'streams.total',
  'streams.clean',
  'streams.broken',
  /** Broken streams that were served by a task the fault did not target. */
  'streams.brokenOffTarget',
  'streams.ttftMs.p50',
  'streams.ttftMs.max',
  'streams.seconds.max',
  'streams.bytes',
  'streams.events',
  'requests.total',
  'requests.failed',
  'requests.errorRate',
  /** The 99th percentile of request latency, answered or not (a request that fails fast is fast). */
  'requests.p99Ms',
  'jobs.total',
  'jobs.succeeded',
  'jobs.failed',
  'jobs.seconds.max',
  'recovery.seconds',
  'replacement.launchSeconds',
  'replacement.healthySeconds',
  'alb.5xx',
  'alb.healthyHosts.min',
  'tasks.running.min',
  'tasks.sigkilled',
  /** Tasks stopped and replaced because their container health check failed, from the fault on. */
  'tasks.replaced',
  /** Shortest time a task kept an idle keep-alive connection open (local: measured per task before the fault). */
  'tasks.idleKeepAliveSeconds.min',
  /** How many tasks (or subnets) the fault actually hit. */
  'fault.targets',
  /**
   * AWS: stop-condition alarms not OK when the template's own check after the recovery window ran
   * (0 when it passed). Locally unmeasured: there are no CloudWatch alarms.
   */
  'alarms.notOkAfterRecovery',
  /** Most connections open to the dependency at once, from the fault on (local: the fault proxy counts them). */
  'dependency.connections.peak',
  /** Connections the service opened to the dependency from the fault to the end of the run: a reconnect storm shows here. */
  'dependency.connects',
  /**
   * From the dependency being back (black hole lifted, database accepting connections) to the end of
   * the last failed request after it: how long the service took to use it again (0: no failure after).
   */
  'dependency.recoverySeconds',
] as const;

export type FigureName = (typeof FIGURE_NAMES)[number];

/** Measured figures; a missing key means "not measured in this mode". */
export type Figures = Partial<Record<FigureName, number>>;

export function isFigureName(name: string): name is FigureName {
  return (FIGURE_NAMES as readonly string[]).includes(name);
}

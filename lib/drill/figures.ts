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
  /** Shortest time a task kept an idle keep-alive connection open (local: measured per task before the fault). */
  'tasks.idleKeepAliveSeconds.min',
  /** How many tasks (or subnets) the fault actually hit. */
  'fault.targets',
  /**
   * AWS: stop-condition alarms not OK when the template's own check after the recovery window ran
   * (0 when it passed). Locally unmeasured: there are no CloudWatch alarms.
   */
  'alarms.notOkAfterRecovery',
] as const;

export type FigureName = (typeof FIGURE_NAMES)[number];

/** Measured figures; a missing key means "not measured in this mode". */
export type Figures = Partial<Record<FigureName, number>>;

export function isFigureName(name: string): name is FigureName {
  return (FIGURE_NAMES as readonly string[]).includes(name);
}

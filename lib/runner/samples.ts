/**
 * What the probe and the engine observe. Times are milliseconds on the run's monotonic clock
 * (0 = run start), so they survive wall-clock jumps; the journal also records wall time.
 */

/** How a stream that did not end cleanly (its end marker, or a complete 2xx answer) ended. */
export type StreamBreak =
  | 'refused' // connection refused or reset before any response
  | 'http-status' // an answer with a status the traffic profile does not expect
  | 'reset' // the connection closed mid-stream (socket hang up, ECONNRESET)
  | 'no-done' // the response ended but without the profile's end marker
  | 'timeout'; // the probe gave up waiting

export interface StreamSample {
  readonly id: number;
  readonly startedAtMs: number;
  readonly firstEventAtMs?: number;
  readonly endedAtMs: number;
  readonly events: number;
  readonly bytes: number;
  /** The task and zone that served it: the load balancer's attribution header, or the profile's taskHeader. */
  readonly task?: string;
  readonly zone?: string;
  readonly status?: number;
  readonly outcome: 'clean' | 'broken';
  readonly broken?: StreamBreak;
  readonly error?: string;
}

export interface RequestSample {
  readonly atMs: number;
  readonly latencyMs: number;
  /** HTTP status, or 0 when no response came (refused, reset, timeout). */
  readonly status: number;
  /** The status is one the traffic profile expects. @default - any 2xx or 3xx */
  readonly ok?: boolean;
  readonly task?: string;
  readonly error?: string;
}

/** One job: submitted, then polled until a terminal state, an error or the timeout. */
export interface JobSample {
  readonly id: number;
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  /** The service's id for it, when the submit answered one. */
  readonly jobId?: string;
  /** The task that accepted the submit. */
  readonly task?: string;
  /** The last state a poll read. */
  readonly state?: string;
  readonly polls: number;
  readonly outcome: 'succeeded' | 'failed';
  readonly error?: string;
}

/**
 * One reading of a fleet metric AWS gave the runner (AWS runs and `drills report`; absent in
 * local journals and in journals written before it was kept). `cloudwatch`: one GetMetricData
 * datapoint — `atMs`/`at` is the start of its period and `value` the statistic over
 * `periodSeconds` (the per-minute series of lib/runner/aws/metric-queries.ts). `ecs`: one
 * DescribeServices read of the service's running or desired count, at the moment it answered
 * (lib/runner/aws/running-sampler.ts). `atMs` is on the run's clock and may be negative (a period
 * that began before the run).
 */
export interface MetricSample {
  readonly atMs: number;
  /** Wall-clock ISO time. */
  readonly at: string;
  readonly source: 'cloudwatch' | 'ecs';
  /** CloudWatch: `RunningTaskCount`, `HealthyHostCount`, `RequestCount`, `HTTPCode_ELB_5XX_Count`, `HTTPCode_Target_5XX_Count`, `DatabaseConnections`; ECS: `runningCount`, `desiredCount`. */
  readonly metric: string;
  /** CloudWatch: the statistic (`Minimum`, `Sum`). */
  readonly stat?: string;
  /** CloudWatch: the period the datapoint covers, seconds. */
  readonly periodSeconds?: number;
  /** ECS: `fault` (sampled while FIS ran the experiment) or `recovery` (a recovery poll). */
  readonly phase?: string;
  readonly value: number;
}

/** A metric reading before it is put on the run's clock: wall time as AWS gave it. */
export type MetricReading = Omit<MetricSample, 'atMs' | 'at'> & { readonly at: Date };

/** Everything the probe saw. `jobs` is absent in journals written before jobs existed. */
export interface ProbeSamples {
  readonly streams: StreamSample[];
  readonly requests: RequestSample[];
  readonly jobs?: JobSample[];
}

export type TimelineKind =
  | 'run-started'
  | 'probe-started'
  | 'warmup-done'
  | 'fault-injected'
  | 'fault-not-injected'
  | 'fault-ended'
  | 'target-deregistered'
  | 'target-drained'
  | 'target-unhealthy'
  | 'target-healthy'
  | 'sigterm-sent'
  | 'sigkill-sent'
  | 'task-exited'
  | 'task-started'
  | 'replacement-started'
  | 'zone-cut'
  | 'zone-restored'
  | 'steady'
  | 'experiment-state'
  | 'action-state'
  | 'service-event'
  | 'stop-condition'
  | 'aborted'
  | 'probe-done'
  | 'run-ended'
  | 'note';

export interface TimelineEvent {
  readonly atMs: number;
  /** Wall-clock ISO time. */
  readonly at: string;
  readonly kind: TimelineKind;
  readonly task?: string;
  readonly zone?: string;
  readonly detail?: string;
  /** Exit code and signal for `task-exited`. */
  readonly code?: number | null;
  readonly signal?: string | null;
}

/** A timeline event before the clock stamps it. */
export type TimelineEntry = Omit<TimelineEvent, 'atMs' | 'at'>;

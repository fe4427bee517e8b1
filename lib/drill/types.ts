import type { FigureName } from './figures';
import type { IsoDuration } from './iso-duration';

/** Where a drill runs: against AWS FIS, or rehearsed on this machine. */
export type RunMode = 'aws' | 'local';

/** A value that differs between a production drill and a local rehearsal (local ones are shorter). */
export interface PerMode<T> {
  readonly aws: T;
  readonly local: T;
}

/** Which of the service's tasks a fault hits: FIS `COUNT(n)` or `PERCENT(n)`. */
export type TaskSelection = { readonly count: number } | { readonly percent: number };

/** FIS `aws:ecs:stop-task`: deregister, SIGTERM, SIGKILL after stopTimeout (cooperative). */
export interface StopTaskFault {
  readonly kind: 'stop-task';
  readonly targets: TaskSelection;
}

/** FIS `aws:ecs:task-kill-process` on the app's process name; no deregistration first. */
export interface KillProcessFault {
  readonly kind: 'kill-process';
  readonly targets: TaskSelection;
  readonly signal: 'SIGKILL' | 'SIGTERM';
}

/**
 * FIS `aws:network:disrupt-connectivity` (scope all) on one zone's subnets for a duration,
 * plus `aws:ecs:stop-task` on the tasks in that zone (filter `AvailabilityZone`).
 */
export interface AzOutageFault {
  readonly kind: 'az-outage';
  /** Which of the service's zones, 0-based, in the order the VPC (or the local fleet) lists them. */
  readonly zoneIndex: number;
  readonly duration: PerMode<IsoDuration>;
}

/**
 * The service's traffic to a dependency's port is black-holed for a duration: packets dropped, so
 * connections hang (not refused). FIS `aws:ecs:task-network-blackhole-port` (egress, tcp) on the
 * service's tasks and the dependency's port; locally the engine's TCP fault proxy between each task
 * and a real PostgreSQL black-holes it. Only where the service has a database (`service.database`).
 */
export interface DependencyOutageFault {
  readonly kind: 'dependency-outage';
  /** The dependency whose port goes dark: the service's database (its port comes from the deployment). */
  readonly dependency: 'database';
  readonly duration: PerMode<IsoDuration>;
}

/**
 * The database fails over under load: every connection drops and comes back to a new primary.
 * FIS `aws:rds:failover-db-cluster` on the service's Aurora cluster; locally the real PostgreSQL
 * server is restarted (fast shutdown, `localDowntime` with no server, start on the same port).
 */
export interface DatabaseFailoverFault {
  readonly kind: 'database-failover';
  /** How long the local server stays down. On AWS the failover takes what it takes (FIS has no parameter for it). */
  readonly localDowntime: IsoDuration;
}

export type Fault = StopTaskFault | KillProcessFault | AzOutageFault | DependencyOutageFault | DatabaseFailoverFault;
export type FaultKind = Fault['kind'];
export const FAULT_KINDS: readonly FaultKind[] = ['stop-task', 'kill-process', 'az-outage', 'dependency-outage', 'database-failover'];

/** The service alarms a drill may name as FIS stop conditions (FIS allows at most 5). */
/** `database-*` alarms exist only where the service has a database (`service.database`, `existing.databaseClusterIdentifier`). */
export type StopConditionName = 'error-rate' | 'healthy-hosts' | 'running-tasks' | 'probe-heartbeat' | 'database-connections' | 'database-unavailable';
export const STOP_CONDITION_NAMES: readonly StopConditionName[] = ['error-rate', 'healthy-hosts', 'running-tasks', 'probe-heartbeat', 'database-connections', 'database-unavailable'];
export const MAX_STOP_CONDITIONS = 5;

/**
 * How many concurrent streams (the traffic profile's `streams`) open at the probe's start, so
 * they are in flight when the fault lands. 0 = none.
 */
export interface StreamProbe {
  readonly count: number;
}

/** A steady rate of the traffic profile's `requests` across the whole run. 0 = none. */
export interface RequestProbe {
  readonly perSecond: number;
}

/** How many of the traffic profile's `jobs` are submitted at the probe's start. 0 = none. */
export interface JobProbe {
  readonly count: number;
}

/**
 * How much customer-side load runs across the fault. What the load is (paths, bodies, formats)
 * is the service's traffic profile (lib/traffic), not the drill's: a kind the profile lacks is
 * not sent, whatever its count here.
 */
export interface ProbeSpec {
  readonly streams: StreamProbe;
  readonly requests: RequestProbe;
  readonly jobs: JobProbe;
  /** Probes run this long before the fault is injected (past the streams' first token). */
  readonly warmup: IsoDuration;
  /** Longest wait, from the fault, for the service to be back to desired and healthy. */
  readonly recoveryTimeout: IsoDuration;
}

export type Comparison = '<=' | '<' | '>=' | '>' | '==';

/** A tolerance over one figure, e.g. `streams.broken <= 0`. */
export interface Expectation {
  readonly figure: FigureName;
  readonly op: Comparison;
  /** One bound for both modes, or one each (local recovery is faster than Fargate's). */
  readonly bound: number | PerMode<number>;
  /** Why this bound, for the report. */
  readonly why?: string;
}

/** A drill, written once as data in `experiments/<id>.ts`. */
export interface Drill {
  readonly id: string;
  readonly title: string;
  /** One sentence a person reads in the report. */
  readonly hypothesis: string;
  readonly fault: Fault;
  readonly stopConditions: readonly StopConditionName[];
  readonly probe: PerMode<ProbeSpec>;
  readonly expect: readonly Expectation[];
  /** EventBridge Scheduler expression for unattended game days: `rate(...)` or `cron(...)`. */
  readonly schedule?: string;
  /** The file the drill was defined in (set by defineDrill). */
  readonly file: string;
}

export type DrillSpec = Omit<Drill, 'file'>;

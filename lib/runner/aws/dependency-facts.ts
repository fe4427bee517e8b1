/**
 * Pure: what an AWS run can say about the dependency figures of the two database drills, from
 * FIS's account of the experiment (DESIGN "Figures"; the local engine measures all of them with
 * its fault proxy, lib/runner/local/local-dependency.ts).
 * - `dependency.recoverySeconds` — defined as locally (lib/runner/dependency-recovery.ts): from the
 *   dependency being back to the end of the last failed probe request after it. For
 *   dependency-outage the black hole is lifted when FIS's `aws:ecs:task-network-blackhole-port`
 *   action ends (its `endTime`, GetExperiment), so the figure is measurable. For database-failover
 *   the moment the cluster accepts connections again is not in FIS's account: the
 *   `aws:rds:failover-db-cluster` action asks RDS for the failover, and whether it ends only once
 *   the failover completed is not confirmed (fis-facts names the action, not its timing); RDS
 *   events are not read. Unmeasured there, with that reason.
 * - `dependency.connects` — no CloudWatch metric of Aurora PostgreSQL counts connection attempts
 *   that we know of (not confirmed; fis-facts has no RDS metrics section). Unmeasured on AWS.
 * - `dependency.connections.peak` comes from CloudWatch (metric-queries.ts), not from here.
 */
import type { FigureName } from '../../drill/figures';
import type { Fault } from '../../drill/types';
import { needsDatabase } from '../../drill/needs-database';
import type { ExperimentView } from './fis-api';

export const BLACKHOLE_PORT_ACTION = 'aws:ecs:task-network-blackhole-port';

export interface DependencyFacts {
  /** When the dependency was reachable again (wall time); undefined when FIS's account does not say. */
  readonly backAt?: Date;
  /** The dependency figures this run can measure (a missing one is then censored). */
  readonly measurable: readonly FigureName[];
  /** Why the others are not measured on AWS (shown with "not judged"). */
  readonly unmeasured: Partial<Record<FigureName, string>>;
}

const NO_CONNECTS =
  'AWS mode: no CloudWatch metric of Aurora PostgreSQL counts connection attempts that we know of (not confirmed), so reconnects are not counted; `drills rehearse` counts them at its fault proxy';

const NO_FAILOVER_END =
  "AWS mode: when the database accepted connections again after the failover is not in FIS's account of the experiment (not confirmed that the failover action waits for it; RDS events are not read), so this figure is not measured";

/** The facts for `fault` once FIS has reported the experiment (`experiment` undefined: it never started). */
export function dependencyFacts(fault: Fault, experiment: ExperimentView | undefined): DependencyFacts {
  if (!needsDatabase(fault)) return { measurable: [], unmeasured: {} };
  const unmeasured: Partial<Record<FigureName, string>> = { 'dependency.connects': NO_CONNECTS };
  if (fault.kind === 'database-failover') return { measurable: [], unmeasured: { ...unmeasured, 'dependency.recoverySeconds': NO_FAILOVER_END } };
  const action = experiment?.actions.find((a) => a.actionId === BLACKHOLE_PORT_ACTION);
  if (action?.status === 'completed' && action.endTime) return { backAt: action.endTime, measurable: ['dependency.recoverySeconds'], unmeasured };
  const why = action
    ? `FIS's ${BLACKHOLE_PORT_ACTION} action ${action.name} ended ${action.status}${action.endTime ? '' : ' with no end time'}, so when the black hole was lifted is not known`
    : `the experiment has no ${BLACKHOLE_PORT_ACTION} action, so when the black hole was lifted is not known`;
  return { measurable: [], unmeasured: { ...unmeasured, 'dependency.recoverySeconds': why } };
}

import type { Drill } from '../lib/drill';
import azOutage from './az-outage';
import databaseFailover from './database-failover';
import dependencyOutage from './dependency-outage';
import taskHardKill from './task-hard-kill';
import taskStopDrain from './task-stop-drain';

/** Every drill, in the order `drills list` and `drills rehearse` show them. */
export const catalogue: readonly Drill[] = [taskStopDrain, taskHardKill, azOutage, dependencyOutage, databaseFailover];

export function findDrill(id: string): Drill | undefined {
  return catalogue.find((d) => d.id === id);
}

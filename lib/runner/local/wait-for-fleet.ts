import { localContainerHealthCheck, type DrillsConfig } from '../../config';
import { containerGiveUpMs } from './container-health';
import { unhealthyTasks } from './describe-health';
import type { Fleet } from './fleet';
import type { LoadBalancer } from './load-balancer';
import { LocalEngineError } from './local-engine-error';
import { portInUseLine } from './port-in-use';

const POLL_MS = 50;
/** Slack for process start and the last check's round trip. */
const START_MARGIN_MS = 1000;

/**
 * How long the first start may take: as long as ECS would let a task try before its container
 * health check gives up (start period + retries × interval + timeout), plus the load
 * balancer's `healthyThreshold` passes, plus a margin. In ms.
 */
export function startBoundMs(config: DrillsConfig): number {
  const alb = config.local.albHealthCheck;
  return Math.round(containerGiveUpMs(localContainerHealthCheck(config)) + alb.healthyThreshold * alb.intervalSeconds * 1000 + START_MARGIN_MS);
}

/** Where the start bound comes from, and what to change (for "did not become healthy"). */
function boundExplained(config: DrillsConfig, timeoutMs: number, derived: boolean): string {
  const c = localContainerHealthCheck(config);
  const where = config.local.containerHealthCheck ? 'local.containerHealthCheck' : 'service.containerHealthCheck';
  if (!derived) return `the bound was set to ${timeoutMs / 1000} s`;
  return `the bound comes from ${where}: startPeriodSeconds ${c.startPeriodSeconds} + retries ${c.retries} × intervalSeconds ${c.intervalSeconds} + timeoutSeconds ${c.timeoutSeconds}, plus the load balancer's ${config.local.albHealthCheck.healthyThreshold} passes; a service that needs longer to warm up needs a longer ${where}.startPeriodSeconds`;
}

/**
 * Waits until every task the fleet launched is alive and healthy behind the load balancer;
 * rejects with a LocalEngineError naming what went wrong (a task exited, a port clash, never
 * healthy within the bound: the health path, what each task answered, the setting to change).
 * Does not clean up: the caller stops everything. `timeoutMs` defaults to `startBoundMs(config)`.
 */
export async function waitForFleet(fleet: Fleet, lb: LoadBalancer, command: string, config: DrillsConfig, timeoutMs?: number): Promise<void> {
  const boundMs = timeoutMs ?? startBoundMs(config);
  const deadline = Date.now() + boundMs;
  for (;;) {
    const exited = fleet.tasks.find((t) => t.process.exitStatus !== undefined);
    if (exited) throw exitError(exited.process, command);
    const healthy = fleet.tasks.filter((t) => lb.healthOf(t.id) === 'healthy').length;
    if (fleet.tasks.length === fleet.desired && healthy === fleet.desired) return;
    if (Date.now() >= deadline) {
      const path = config.service.healthPath;
      const states = unhealthyTasks(fleet.tasks, lb) || 'no task';
      throw new LocalEngineError(
        'never-healthy',
        `"${command}" did not become healthy within ${boundMs / 1000} s: GET ${path} answered ${states}. ` +
          `If the service serves its health check elsewhere, pass --health-path <path> (service.healthPath, now ${path}); ` +
          `${boundExplained(config, boundMs, timeoutMs === undefined)}.${outputOf(fleet.tasks[0]?.process.output)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function exitError(task: { readonly spawnError?: string; readonly exitStatus?: { code: number | null; signal: string | null }; readonly output: string }, command: string): LocalEngineError {
  if (task.spawnError) return new LocalEngineError('start-failed', `could not start "${command}": ${task.spawnError}`);
  const clash = portInUseLine(task.output);
  if (clash)
    return new LocalEngineError(
      'port-clash',
      `"${command}" could not listen: its port is already in use ("${clash}") — does it listen on $PORT (and $HOST) as the local engine sets them?${outputOf(task.output)}`,
    );
  const how = task.exitStatus?.signal ? `signal ${task.exitStatus.signal}` : `code ${task.exitStatus?.code}`;
  return new LocalEngineError('exited-at-once', `"${command}" exited at once (${how}) before becoming healthy${outputOf(task.output)}`);
}

function outputOf(output: string | undefined): string {
  const tail = output?.trim().split('\n').slice(-5).join('\n');
  return tail ? `\n${tail}` : '';
}

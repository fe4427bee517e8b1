/** Pure: recovery and SIGKILL figures from what ECS says about the service and its tasks. */
import type { ServiceView, TaskView } from './service-api';

/** Exit code of a container that was SIGKILLed (128 + 9). */
export const SIGKILL_EXIT_CODE = 137;

/**
 * The service is back when the tasks the fault hit are gone (STOPPED, or no longer listed),
 * running = desired, and exactly one deployment, COMPLETED (or with no rollout state, which
 * older services report).
 */
export function isRecovered(service: ServiceView, targetTasks: readonly TaskView[]): boolean {
  const targetsGone = targetTasks.every((t) => t.lastStatus === 'STOPPED' || t.lastStatus === 'DEPROVISIONING' || t.desiredStatus === 'STOPPED');
  return targetsGone && isSteady(service);
}

export function isSteady(service: ServiceView): boolean {
  const [only, ...others] = service.deployments;
  return service.desired > 0 && service.running === service.desired && others.length === 0 && only !== undefined && (only.rolloutState ?? 'COMPLETED') === 'COMPLETED';
}

/** Why a service is not steady, in one line (preflight). */
export function steadyDetail(service: ServiceView): string {
  const deployments = service.deployments.map((d) => `${d.status ?? '?'}/${d.rolloutState ?? '-'}`).join(', ') || 'none';
  return `running ${service.running}/${service.desired} desired, ${service.pending} pending, deployments: ${deployments}`;
}

/**
 * A stopped task was SIGKILLed when a container exited with 137 or its stop reason says
 * SIGKILL: for a cooperative stop that means it did not drain before stopTimeout.
 */
export function wasSigkilled(task: TaskView): boolean {
  if (task.containers.some((c) => c.exitCode === SIGKILL_EXIT_CODE)) return true;
  return [task.stoppedReason, ...task.containers.map((c) => c.reason)].some((r) => r !== undefined && /SIGKILL|exit code:? 137/i.test(r));
}

/** tasks.sigkilled over the stopped tasks; unmeasured (undefined) while none has stopped. */
export function sigkilledCount(tasks: readonly TaskView[]): number | undefined {
  const stopped = tasks.filter((t) => t.lastStatus === 'STOPPED');
  return stopped.length === 0 ? undefined : stopped.filter(wasSigkilled).length;
}

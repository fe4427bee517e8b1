import type { Fleet } from './fleet';
import type { LoadBalancer } from './load-balancer';
import { LocalEngineError } from './local-engine-error';

const POLL_MS = 50;

/**
 * Waits until every task the fleet launched is alive and healthy behind the load balancer;
 * rejects with a LocalEngineError naming what went wrong (a task exited, a port clash, never
 * healthy within the bound). Does not clean up: the caller stops everything.
 */
export async function waitForFleet(fleet: Fleet, lb: LoadBalancer, command: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const exited = fleet.tasks.find((t) => t.process.exitStatus !== undefined);
    if (exited) throw exitError(exited.process, command);
    const healthy = fleet.tasks.filter((t) => lb.healthOf(t.id) === 'healthy').length;
    if (fleet.tasks.length === fleet.desired && healthy === fleet.desired) return;
    if (Date.now() >= deadline) {
      const states = fleet.tasks.map((t) => `${t.id}: ${lb.healthOf(t.id) ?? 'not registered'}`).join(', ');
      throw new LocalEngineError('never-healthy', `"${command}" did not become healthy within ${timeoutMs} ms (${states || 'no task'})${outputOf(fleet.tasks[0]?.process.output)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function exitError(task: { readonly spawnError?: string; readonly exitStatus?: { code: number | null; signal: string | null }; readonly output: string }, command: string): LocalEngineError {
  if (task.spawnError) return new LocalEngineError('start-failed', `could not start "${command}": ${task.spawnError}`);
  if (/EADDRINUSE/.test(task.output)) return new LocalEngineError('port-clash', `"${command}" could not listen: the port is in use (EADDRINUSE) — does it honour PORT?${outputOf(task.output)}`);
  const how = task.exitStatus?.signal ? `signal ${task.exitStatus.signal}` : `code ${task.exitStatus?.code}`;
  return new LocalEngineError('exited-at-once', `"${command}" exited at once (${how}) before becoming healthy${outputOf(task.output)}`);
}

function outputOf(output: string | undefined): string {
  const tail = output?.trim().split('\n').slice(-5).join('\n');
  return tail ? `\n${tail}` : '';
}

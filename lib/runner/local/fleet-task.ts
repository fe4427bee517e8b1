import type { ContainerHealth } from './container-health';
import type { HealthCheckLoop } from './health-check-loop';
import type { TaskProcess } from './task-process';

/**
 * A task of the local service: `running` (desired RUNNING, may not be healthy yet),
 * `stopping` (a stop or a fault has begun), `stopped` (its process exited).
 */
export type TaskState = 'running' | 'stopping' | 'stopped';

export interface FleetTask {
  readonly id: string;
  readonly zone: string;
  readonly port: number;
  readonly process: TaskProcess;
  readonly replacement: boolean;
  readonly startedAtMs: number;
  state: TaskState;
  /** Set once the load balancer first found it healthy. */
  healthyAtMs?: number;
  /** Set when it stopped by a cooperative stop (StopTask); otherwise its exit was a surprise or a hard kill. */
  stoppedBy?: 'stop-task' | 'kill' | 'zone-lost' | 'close';
  containerCheck?: HealthCheckLoop;
  containerHealth: ContainerHealth;
  killTimer?: NodeJS.Timeout;
}

import type { ContainerHealthCheckSettings } from '../../config';
import type { CheckResult } from './http-check';

/**
 * A container health check as ECS runs it (Docker's HEALTHCHECK): the container starts
 * `starting`; a pass makes it `healthy`; failures inside `startPeriodSeconds` do not count while
 * it has not yet passed; `retries` failures in a row make it `unhealthy` (and ECS replaces the
 * task). Pure: state in, state out. Source: ECS API reference, HealthCheck (startPeriod, retries).
 */
export interface ContainerHealth {
  readonly status: 'starting' | 'healthy' | 'unhealthy';
  /** Failures in a row that count. */
  readonly failures: number;
  /** What the last check got ("503", "connection refused"…). */
  readonly last?: string;
}

export const STARTING: ContainerHealth = { status: 'starting', failures: 0 };

export function recordContainerCheck(state: ContainerHealth, result: CheckResult, sinceStartMs: number, settings: ContainerHealthCheckSettings): ContainerHealth {
  if (result.ok) return { status: 'healthy', failures: 0, last: result.detail };
  if (state.status === 'starting' && sinceStartMs < settings.startPeriodSeconds * 1000) return { ...state, last: result.detail };
  const failures = state.failures + 1;
  return { status: failures >= settings.retries ? 'unhealthy' : state.status, failures, last: result.detail };
}

/**
 * The longest a task may take to become healthy before ECS would replace it (start period, then
 * `retries` failed checks a check interval apart, the last one timing out), in ms.
 */
export function containerGiveUpMs(settings: ContainerHealthCheckSettings): number {
  return (settings.startPeriodSeconds + settings.retries * settings.intervalSeconds + settings.timeoutSeconds) * 1000;
}

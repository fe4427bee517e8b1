/**
 * The fis-drills guardrail pack: each rule bound to its id, message and severity. Errors fail
 * `cdk synth` (and make `drills doctor` exit 1); warnings annotate.
 */
import { atLeastTwoTasks } from './rules/drain/at-least-two-tasks';
import { circuitBreakerEnabled } from './rules/drain/circuit-breaker-enabled';
import { containerHealthCheck } from './rules/drain/container-health-check';
import { deregistrationDelayCoversLongestRequest } from './rules/drain/deregistration-delay-covers-longest-request';
import { drainDeadlineBelowStopTimeout } from './rules/drain/drain-deadline-below-stop-timeout';
import { gracePeriodCoversStartPeriod } from './rules/drain/grace-period-covers-start-period';
import { initProcessEnabled } from './rules/drain/init-process-enabled';
import { minHealthyFull } from './rules/drain/min-healthy-full';
import { noShellEntrypoint } from './rules/drain/no-shell-entrypoint';
import { spansAvailabilityZones } from './rules/drain/spans-availability-zones';
import { stopTimeoutBounded } from './rules/drain/stop-timeout-bounded';
import { stopTimeoutCoversLongestRequest } from './rules/drain/stop-timeout-covers-longest-request';
import type { PackEntry } from './types';

export const DRAIN_RULES: readonly PackEntry[] = [
  { id: 'DRILL-DRAIN-1', severity: 'error', rule: stopTimeoutBounded,
    message: 'The container stopTimeout is unset or above 120 s (the Fargate maximum); set it to fit the drain budget.' },
  { id: 'DRILL-DRAIN-2', severity: 'error', rule: initProcessEnabled,
    message: 'initProcessEnabled is off: without an init process SIGTERM may never reach the app.' },
  { id: 'DRILL-DRAIN-3', severity: 'error', rule: containerHealthCheck,
    message: 'The container has no health check: ECS never replaces a task that hangs.' },
  { id: 'DRILL-DRAIN-4', severity: 'error', rule: noShellEntrypoint,
    message: 'The container starts a shell (sh -c, bash -c, CMD-SHELL): the shell eats SIGTERM; use an exec-form command.' },
  { id: 'DRILL-DRAIN-5', severity: 'error', rule: deregistrationDelayCoversLongestRequest,
    message: 'The deregistration delay is shorter than the longest request: the ALB cuts requests still in flight.' },
  { id: 'DRILL-DRAIN-6', severity: 'error', rule: stopTimeoutCoversLongestRequest,
    message: 'stopTimeout is shorter than the longest request: SIGKILL ends requests still in flight.' },
  { id: 'DRILL-DRAIN-7', severity: 'error', rule: drainDeadlineBelowStopTimeout,
    message: 'The drain deadline (DRAIN_TIMEOUT_MS) is not below stopTimeout: the app is SIGKILLed before it exits.' },
  { id: 'DRILL-DRAIN-8', severity: 'warning', rule: gracePeriodCoversStartPeriod,
    message: 'The health-check grace period is shorter than the container start period: starting tasks are replaced.' },
  { id: 'DRILL-DRAIN-9', severity: 'error', rule: atLeastTwoTasks,
    message: 'The service runs fewer than 2 tasks: every stop is an outage.' },
  { id: 'DRILL-DRAIN-10', severity: 'error', rule: spansAvailabilityZones,
    message: 'The service is in a single subnet or availability zone: one AZ outage takes every task.' },
  { id: 'DRILL-DRAIN-11', severity: 'warning', rule: minHealthyFull,
    message: 'Minimum healthy percent is below 100: deployments run below the desired count.' },
  { id: 'DRILL-DRAIN-12', severity: 'warning', rule: circuitBreakerEnabled,
    message: 'No deployment circuit breaker with rollback: a bad release keeps churning tasks.' },
];

export const DRILLS_PACK: readonly PackEntry[] = [...DRAIN_RULES];

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
import { healthCheckSkipsDatabase } from './rules/drain/health-check-skips-database';
import { initProcessEnabled } from './rules/drain/init-process-enabled';
import { longestRequestDrainable } from './rules/drain/longest-request-drainable';
import { minHealthyFull } from './rules/drain/min-healthy-full';
import { noShellEntrypoint } from './rules/drain/no-shell-entrypoint';
import { spansAvailabilityZones } from './rules/drain/spans-availability-zones';
import { stopTimeoutBounded } from './rules/drain/stop-timeout-bounded';
import { stopTimeoutCoversLongestRequest } from './rules/drain/stop-timeout-covers-longest-request';
import { actionsMatchCatalogue } from './rules/fis/actions-match-catalogue';
import { alarmStopCondition } from './rules/fis/alarm-stop-condition';
import { experimentLogging } from './rules/fis/experiment-logging';
import { noEcsExecOnDrilledService } from './rules/fis/no-ecs-exec-on-drilled-service';
import { noFullSelectionInProduction } from './rules/fis/no-full-selection-in-production';
import { roleTrustConfusedDeputy } from './rules/fis/role-trust-confused-deputy';
import { stopConditionLimit } from './rules/fis/stop-condition-limit';
import { taskActionsPrerequisites } from './rules/fis/task-actions-prerequisites';
import { actionTargetKeys } from './rules/fis/action-target-keys';
import { alarmDimensionsPublished } from './rules/fis/alarm-dimensions-published';
import { alarmFiresInOutage } from './rules/fis/alarm-fires-in-outage';
import { alarmWindowWithinExperiment } from './rules/fis/alarm-window-within-experiment';
import { actionTargetsExist } from './rules/fis/action-targets-exist';
import { durationsWithinLimits } from './rules/fis/durations-within-limits';
import { emptyTargetSkip } from './rules/fis/empty-target-skip';
import { filterPathsKnown } from './rules/fis/filter-paths-known';
import { selectionModesParse } from './rules/fis/selection-modes-parse';
import { startAfterExists } from './rules/fis/start-after-exists';
import { targetSelectionExclusive } from './rules/fis/target-selection-exclusive';
import { taskTagsPropagated } from './rules/fis/task-tags-propagated';
import { zoneOutageOnOwnSubnets } from './rules/fis/zone-outage-on-own-subnets';
import type { PackEntry } from './types';

export const DRAIN_RULES: readonly PackEntry[] = [
  { id: 'DRILL-DRAIN-1', severity: 'error', rule: stopTimeoutBounded, message: 'The container stopTimeout is unset or above 120 s (the Fargate maximum); set it to fit the drain budget.' },
  { id: 'DRILL-DRAIN-2', severity: 'error', rule: initProcessEnabled, message: 'initProcessEnabled is off: without an init process SIGTERM may never reach the app.' },
  { id: 'DRILL-DRAIN-3', severity: 'error', rule: containerHealthCheck, message: 'The container has no health check: ECS never replaces a task that hangs.' },
  {
    id: 'DRILL-DRAIN-4',
    severity: 'error',
    rule: noShellEntrypoint,
    message: 'The container starts its app under a shell that stays (sh -c "app"): the shell eats SIGTERM; use an exec-form command or end the script with exec.',
  },
  {
    id: 'DRILL-DRAIN-5',
    severity: 'error',
    rule: deregistrationDelayCoversLongestRequest,
    message: 'The deregistration delay is shorter than the longest request: the ALB cuts requests still in flight.',
  },
  { id: 'DRILL-DRAIN-6', severity: 'error', rule: stopTimeoutCoversLongestRequest, message: 'stopTimeout is shorter than the longest request: SIGKILL ends requests still in flight.' },
  { id: 'DRILL-DRAIN-7', severity: 'error', rule: drainDeadlineBelowStopTimeout, message: 'The drain deadline (DRAIN_TIMEOUT_MS) is not below stopTimeout: the app is SIGKILLed before it exits.' },
  { id: 'DRILL-DRAIN-8', severity: 'warning', rule: gracePeriodCoversStartPeriod, message: 'The health-check grace period is shorter than the container start period: starting tasks are replaced.' },
  { id: 'DRILL-DRAIN-9', severity: 'error', rule: atLeastTwoTasks, message: 'The service runs fewer than 2 tasks: every stop is an outage.' },
  { id: 'DRILL-DRAIN-10', severity: 'error', rule: spansAvailabilityZones, message: 'The service is in a single subnet or availability zone: one AZ outage takes every task.' },
  { id: 'DRILL-DRAIN-11', severity: 'warning', rule: minHealthyFull, message: 'Minimum healthy percent is below 100: deployments run below the desired count.' },
  { id: 'DRILL-DRAIN-12', severity: 'warning', rule: circuitBreakerEnabled, message: 'No deployment circuit breaker with rollback: a bad release keeps churning tasks.' },
  {
    id: 'DRILL-DRAIN-13',
    severity: 'warning',
    rule: longestRequestDrainable,
    message: 'The longest request is above ~110 s: on Fargate (stopTimeout at most 120 s) it cannot be drained and breaks on every stop.',
  },
  {
    id: 'DRILL-DRAIN-14',
    severity: 'error',
    rule: healthCheckSkipsDatabase,
    message:
      "The container health check reaches the database: a database blip fails every task's check and ECS replaces healthy tasks; check the process only and let requests that need the database fail fast (a warning when only a path's name says so).",
  },
];

export const FIS_RULES: readonly PackEntry[] = [
  {
    id: 'DRILL-FIS-1',
    severity: 'error',
    rule: alarmStopCondition,
    message: "The experiment template has no CloudWatch-alarm stop condition (or one with source 'none'): nothing stops the drill when customers are hurt.",
  },
  { id: 'DRILL-FIS-2', severity: 'error', rule: stopConditionLimit, message: 'The experiment template has more than 5 stop conditions (the FIS limit).' },
  {
    id: 'DRILL-FIS-3',
    severity: 'error',
    rule: noFullSelectionInProduction,
    message: 'In production the drill selects ALL or PERCENT(100) of the service tasks: that is an outage, not an experiment.',
  },
  { id: 'DRILL-FIS-4', severity: 'error', rule: roleTrustConfusedDeputy, message: 'The experiment role trusts fis.amazonaws.com without aws:SourceAccount and aws:SourceArn conditions.' },
  { id: 'DRILL-FIS-5', severity: 'error', rule: actionsMatchCatalogue, message: 'An action is unknown, takes a parameter it does not accept, or misses a required one.' },
  {
    id: 'DRILL-FIS-6',
    severity: 'error',
    rule: taskActionsPrerequisites,
    message:
      'An aws:ecs:task-* action drills a task definition without what it needs (enableFaultInjection, pidMode task for kill-process and the network actions, the SSM agent sidecar; on Fargate the network actions also need useEcsFaultInjectionEndpoints=true).',
  },
  { id: 'DRILL-FIS-7', severity: 'error', rule: noEcsExecOnDrilledService, message: 'ECS Exec is enabled on a service drilled with aws:ecs:task-* actions: the FIS sidecar will not start.' },
  { id: 'DRILL-FIS-8', severity: 'warning', rule: experimentLogging, message: 'The experiment template has no experiment logging: no record of targets and actions.' },
  { id: 'DRILL-FIS-9', severity: 'error', rule: actionTargetKeys, message: 'An action uses a target key its action does not take (FIS rejects the template at create time).' },
  { id: 'DRILL-FIS-10', severity: 'error', rule: actionTargetsExist, message: 'An action points at a target the template does not define (FIS rejects the template at create time).' },
  { id: 'DRILL-FIS-11', severity: 'error', rule: startAfterExists, message: 'StartAfter names an action that does not exist, the action itself, or forms a cycle.' },
  { id: 'DRILL-FIS-12', severity: 'error', rule: durationsWithinLimits, message: 'A duration parameter is not an ISO 8601 duration, or is outside the range its action takes.' },
  { id: 'DRILL-FIS-13', severity: 'error', rule: selectionModesParse, message: 'A target selection mode is not one FIS takes (ALL, COUNT(n), PERCENT(n)).' },
  {
    id: 'DRILL-FIS-14',
    severity: 'error',
    rule: targetSelectionExclusive,
    message: 'A target mixes ResourceArns with tags or filters, lists more than 5 ARNs, or is selected in a way its action refuses.',
  },
  { id: 'DRILL-FIS-15', severity: 'warning', rule: filterPathsKnown, message: 'A target filter uses a path that does not exist for its resource type: it matches nothing.' },
  {
    id: 'DRILL-FIS-16',
    severity: 'warning',
    rule: emptyTargetSkip,
    message: 'EmptyTargetResolutionMode is skip: a drill that resolves no target injects nothing and still completes (an error in production).',
  },
  {
    id: 'DRILL-FIS-17',
    severity: 'error',
    rule: taskTagsPropagated,
    message: 'An aws:ecs:task target is selected by tags its tasks never carry (the service does not propagate them): the drill finds no task.',
  },
  {
    id: 'DRILL-FIS-18',
    severity: 'error',
    rule: alarmDimensionsPublished,
    message: 'A stop-condition alarm watches a dimension combination AWS does not publish: it never gets data and cannot fire (a warning when another stop condition still can).',
  },
  {
    id: 'DRILL-FIS-19',
    severity: 'error',
    rule: alarmFiresInOutage,
    message:
      'A stop-condition alarm watches a metric that stops publishing in the outage the drill causes, and missing data is not breaching: it cannot fire then (a warning when another stop condition still can).',
  },
  {
    id: 'DRILL-FIS-20',
    severity: 'error',
    rule: alarmWindowWithinExperiment,
    message: 'A stop-condition alarm needs more time to reach ALARM than the experiment lasts: it cannot stop the drill (a warning when another stop condition still can).',
  },
  {
    id: 'DRILL-FIS-21',
    severity: 'warning',
    rule: zoneOutageOnOwnSubnets,
    message: 'A zone outage cuts every subnet of the zone in a VPC this app did not build: it hits every resource there, not only the drilled service (an error in production).',
  },
];

export const DRILLS_PACK: readonly PackEntry[] = [...DRAIN_RULES, ...FIS_RULES];

/**
 * The template guards itself (DESIGN "The stacks", issue 15 §5): before the fault, FIS checks the
 * drill's stop-condition alarms with `aws:cloudwatch:assert-alarm-state` and injects only if every
 * one is OK; after the recovery window it checks them again. A failed check fails the experiment,
 * so FIS refuses to inject into an unhealthy service even when no runner is alive (a schedule, a
 * crashed laptop).
 *
 * Facts (FIS user guide, fis-actions-reference.html, "Amazon CloudWatch actions" and "Wait
 * action"): assert-alarm-state has no resource type; `alarmArns` is a comma-separated list of at
 * most 5 alarm ARNs, `alarmStates` a comma-separated list of OK | ALARM | INSUFFICIENT_DATA; the
 * experiment role needs `cloudwatch:DescribeAlarms`. `aws:fis:wait` takes a `duration` from one
 * minute to 12 hours. `startAfter` orders actions (FIS user guide, action-sequence).
 *
 * Pure (types only from aws-cdk-lib): the runner imports the action names from here to read
 * what FIS says about each check.
 */
import type { CfnExperimentTemplate } from 'aws-cdk-lib/aws-fis';
import { parseIsoDuration, type IsoDuration } from '../drill/iso-duration';

type Action = CfnExperimentTemplate.ExperimentTemplateActionProperty;

/** The check of the stop-condition alarms before the fault; every fault action starts after it. */
export const PRE_CHECK_ACTION = 'CheckAlarmsBeforeFault';
/** The recovery window, started with the fault (after the pre-check). */
export const RECOVERY_WAIT_ACTION = 'WaitRecoveryWindow';
/** The check of the same alarms once the window and every fault action are over. */
export const POST_CHECK_ACTION = 'CheckAlarmsAfterRecovery';
/** Actions that are not the drill's fault. */
export const ALARM_CHECK_ACTIONS: readonly string[] = [PRE_CHECK_ACTION, RECOVERY_WAIT_ACTION, POST_CHECK_ACTION];
/** assert-alarm-state checks at most 5 alarms. */
export const MAX_ASSERTED_ALARMS = 5;
/** The state every stop-condition alarm must be in, before and after. */
export const REQUIRED_ALARM_STATE = 'OK';

const MIN_WAIT_SECONDS = 60;
const MAX_WAIT_SECONDS = 12 * 3600;

/**
 * Pure: the fault's actions wrapped in the two alarm checks. Root fault actions (no `startAfter`)
 * start after the pre-check; chained ones keep their order. The wait of `recoveryWindow` (ISO-8601,
 * PT1M–PT12H, measured from the fault start like the runner's recovery wait) runs beside the fault;
 * the post-check starts after it and after every fault action.
 *
 * @param alarmArns 1–5 alarm ARNs (tokens are fine): the drill's stop conditions.
 * @throws Error naming the drill file when there is no alarm, more than 5, or the window is out of range.
 */
export function withAlarmChecks(drillFile: string, faultActions: Readonly<Record<string, Action>>, alarmArns: readonly string[], recoveryWindow: IsoDuration): Record<string, Action> {
  const problems: string[] = [];
  if (alarmArns.length === 0) problems.push('no stop-condition alarm to check before the fault');
  if (alarmArns.length > MAX_ASSERTED_ALARMS)
    problems.push(`${alarmArns.length} stop-condition alarms; aws:cloudwatch:assert-alarm-state checks at most ${MAX_ASSERTED_ALARMS}: name fewer in stopConditions`);
  const seconds = parseIsoDuration(recoveryWindow);
  if (seconds === undefined || seconds < MIN_WAIT_SECONDS || seconds > MAX_WAIT_SECONDS) {
    problems.push(`probe.aws.recoveryTimeout ${JSON.stringify(recoveryWindow)} is the recovery window FIS waits before its post-check; aws:fis:wait takes PT1M to PT12H: use a value in that range`);
  }
  for (const name of ALARM_CHECK_ACTIONS) if (name in faultActions) problems.push(`fault action name ${name} is reserved for the alarm checks`);
  if (problems.length > 0) throw new Error(`${drillFile}: cannot guard the template with alarm checks:\n  - ${problems.join('\n  - ')}`);

  const check = (description: string, startAfter?: string[]): Action => ({
    actionId: 'aws:cloudwatch:assert-alarm-state',
    description,
    parameters: { alarmArns: alarmArns.join(','), alarmStates: REQUIRED_ALARM_STATE },
    ...(startAfter ? { startAfter } : {}),
  });
  const fault: Record<string, Action> = {};
  for (const [name, action] of Object.entries(faultActions)) {
    fault[name] = action.startAfter && action.startAfter.length > 0 ? action : { ...action, startAfter: [PRE_CHECK_ACTION] };
  }
  return {
    [PRE_CHECK_ACTION]: check('Inject only if every stop-condition alarm is OK'),
    ...fault,
    [RECOVERY_WAIT_ACTION]: {
      actionId: 'aws:fis:wait',
      description: 'The recovery window, from the fault start',
      parameters: { duration: recoveryWindow },
      startAfter: [PRE_CHECK_ACTION],
    },
    [POST_CHECK_ACTION]: check('Every stop-condition alarm is OK again after the recovery window', [RECOVERY_WAIT_ACTION, ...Object.keys(faultActions)]),
  };
}

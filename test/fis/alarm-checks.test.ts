import { ALARM_CHECK_ACTIONS, POST_CHECK_ACTION, PRE_CHECK_ACTION, RECOVERY_WAIT_ACTION, withAlarmChecks } from '../../lib/fis/alarm-checks';

const arns = ['arn:aws:cloudwatch:eu-west-1:111122223333:alarm:svc-error-rate', 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:svc-healthy-hosts'];
const chained = {
  Cut: { actionId: 'aws:network:disrupt-connectivity', parameters: { duration: 'PT5M', scope: 'all' }, targets: { Subnets: 'S' } },
  Stop: { actionId: 'aws:ecs:stop-task', targets: { Tasks: 'T' }, startAfter: ['Cut'] },
};

describe('withAlarmChecks', () => {
  test('starts the root fault actions after the pre-check and keeps chained ones in their order', () => {
    const actions = withAlarmChecks('experiments/x.ts', chained, arns, 'PT5M');
    expect(actions.Cut.startAfter).toEqual([PRE_CHECK_ACTION]);
    expect(actions.Stop.startAfter).toEqual(['Cut']);
    expect(actions[PRE_CHECK_ACTION]).toEqual({
      actionId: 'aws:cloudwatch:assert-alarm-state',
      description: expect.any(String),
      parameters: { alarmArns: arns.join(','), alarmStates: 'OK' },
    });
  });

  test('runs the recovery window beside the fault and the post-check after the window and every fault action', () => {
    const actions = withAlarmChecks('experiments/x.ts', chained, arns, 'PT15M');
    expect(actions[RECOVERY_WAIT_ACTION]).toEqual(expect.objectContaining({ actionId: 'aws:fis:wait', parameters: { duration: 'PT15M' }, startAfter: [PRE_CHECK_ACTION] }));
    expect(actions[POST_CHECK_ACTION].startAfter).toEqual([RECOVERY_WAIT_ACTION, 'Cut', 'Stop']);
    expect(actions[POST_CHECK_ACTION].parameters).toEqual(actions[PRE_CHECK_ACTION].parameters);
    expect(Object.keys(actions).filter((n) => ALARM_CHECK_ACTIONS.includes(n))).toHaveLength(3);
  });

  test('rejects a drill with more than 5 alarms, naming the file and the limit', () => {
    const six = Array.from({ length: 6 }, (_, i) => `arn:aws:cloudwatch:eu-west-1:1:alarm:a${i}`);
    expect(() => withAlarmChecks('experiments/x.ts', chained, six, 'PT5M')).toThrow(/experiments\/x\.ts.*\n.*6 stop-condition alarms; .* at most 5/);
  });

  test('rejects a recovery window FIS cannot wait (under a minute), naming the setting', () => {
    expect(() => withAlarmChecks('experiments/x.ts', chained, arns, 'PT30S')).toThrow(/probe\.aws\.recoveryTimeout "PT30S".*PT1M to PT12H/);
  });

  test('rejects a guard with no alarm at all', () => {
    expect(() => withAlarmChecks('experiments/x.ts', chained, [], 'PT5M')).toThrow(/no stop-condition alarm/);
  });
});

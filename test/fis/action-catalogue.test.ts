import { FIS_ACTIONS, fisAction } from '../../lib/fis/action-catalogue';
import { templateOutputKey } from '../../lib/contract';
import { expectEvery } from '../helpers/expect-every';

describe('FIS_ACTIONS', () => {
  test('covers the 8 ECS actions and disrupt-connectivity', () => {
    expect(Object.keys(FIS_ACTIONS).filter((a) => a.startsWith('aws:ecs:'))).toHaveLength(8);
    expect(FIS_ACTIONS['aws:network:disrupt-connectivity'].targetType).toBe('aws:ec2:subnet');
  });

  test('puts every task action on aws:ecs:task and drain-container-instances on the cluster', () => {
    for (const [id, spec] of Object.entries(FIS_ACTIONS)) {
      if (id.startsWith('aws:ecs:task') || id === 'aws:ecs:stop-task') expect(spec.targetType).toBe('aws:ecs:task');
    }
    expect(FIS_ACTIONS['aws:ecs:drain-container-instances'].targetType).toBe('aws:ecs:cluster');
  });

  test('stop-task takes no parameters; kill-process requires processName and has no duration', () => {
    expect(FIS_ACTIONS['aws:ecs:stop-task'].parameters).toEqual([]);
    const kill = FIS_ACTIONS['aws:ecs:task-kill-process'];
    expect(kill.parameters).toContainEqual({ name: 'processName', required: true });
    expect(kill.parameters.map((p) => p.name)).not.toContain('duration');
    expect(kill.needsPidModeTask).toBe(true);
  });

  test('knows the target-less actions a template guards and orchestrates itself with, by their documented parameters', () => {
    expect(FIS_ACTIONS['aws:cloudwatch:assert-alarm-state']).toMatchObject({
      targetType: 'none',
      parameters: [
        { name: 'alarmArns', required: true },
        { name: 'alarmStates', required: true },
      ],
    });
    expect(FIS_ACTIONS['aws:fis:wait'].parameters).toEqual([{ name: 'duration', required: true, duration: { minSeconds: 60, maxSeconds: 43200 } }]);
    const automation = FIS_ACTIONS['aws:ssm:start-automation-execution'];
    expect(automation.parameters.filter((p) => p.required).map((p) => p.name)).toEqual(['documentArn', 'maxDuration']);
    expect(automation.parameters.map((p) => p.name)).toContain('documentParameters');
  });

  test('the SSM-run task actions need the sidecar and the control-plane ones do not', () => {
    expect(
      Object.entries(FIS_ACTIONS)
        .filter(([, s]) => s.needsSidecar)
        .map(([id]) => id)
        .sort(),
    ).toEqual([
      'aws:ecs:task-cpu-stress',
      'aws:ecs:task-io-stress',
      'aws:ecs:task-kill-process',
      'aws:ecs:task-network-blackhole-port',
      'aws:ecs:task-network-latency',
      'aws:ecs:task-network-packet-loss',
    ]);
  });
});

describe('the whole FIS action catalogue', () => {
  const ids = Object.keys(FIS_ACTIONS);

  test.each([
    'aws:ec2:stop-instances',
    'aws:ebs:pause-volume-io',
    'aws:rds:failover-db-cluster',
    'aws:elasticache:replicationgroup-interrupt-az-power',
    'aws:dynamodb:global-table-pause-replication',
    'aws:network:disrupt-vpc-endpoint',
    'aws:ssm:send-command',
    'aws:directconnect:virtual-interface-disconnect',
    'aws:lambda:invocation-error',
    'aws:s3:bucket-pause-replication',
    'aws:kinesis:stream-expired-iterator-exception',
    'aws:fis:inject-api-throttle-error',
    'aws:eks:pod-delete',
    'aws:arc:start-zonal-autoshift',
    'aws:memorydb:multi-region-cluster-pause-replication',
    'aws:dsql:cluster-connection-failure',
  ])('knows %s', (id) => {
    expect(fisAction(id)).toBeDefined();
  });

  test('gives every action with a target its target key, and none to the target-less ones', () => {
    expect(ids.filter((id) => (FIS_ACTIONS[id].targetType === 'none') === (FIS_ACTIONS[id].targetKey !== undefined))).toEqual([]);
    expect(ids.filter((id) => FIS_ACTIONS[id].targetType === 'none').sort()).toEqual(['aws:cloudwatch:assert-alarm-state', 'aws:fis:wait', 'aws:ssm:start-automation-execution']);
  });

  test('names the reference page anchor each entry comes from', () => {
    expect(ids.filter((id) => !/^https:\/\/docs\.aws\.amazon\.com\/fis\/latest\/userguide\/fis-(actions-reference|list-actions)\.html(#[a-z-]+)?$/.test(FIS_ACTIONS[id].source))).toEqual([]);
  });

  test('keeps each duration range inside the 12-hour action limit, with the ranges the reference states', () => {
    const ranges = ids.flatMap((id) => FIS_ACTIONS[id].parameters.filter((p) => p.duration).map((p) => p.duration!));
    expectEvery(ranges, (r) => r.minSeconds >= 1 && r.maxSeconds <= 43200 && r.minSeconds < r.maxSeconds, 'duration ranges of the catalogue');
    expect(fisAction('aws:directconnect:virtual-interface-disconnect')?.parameters[0].duration?.minSeconds).toBe(600);
    expect(fisAction('aws:ec2:send-spot-instance-interruptions')?.parameters[0].duration).toEqual({ minSeconds: 120, maxSeconds: 900 });
  });

  test('returns undefined for an id FIS does not have, even one named like an object key', () => {
    expect(fisAction('aws:ecs:stop-everything')).toBeUndefined();
    expect(fisAction('constructor')).toBeUndefined();
  });
});

describe('templateOutputKey', () => {
  test.each([
    ['task-stop-drain', 'DrillTaskStopDrainTemplateId'],
    ['task-hard-kill', 'DrillTaskHardKillTemplateId'],
    ['az-outage', 'DrillAzOutageTemplateId'],
    ['cpu2-burn', 'DrillCpu2BurnTemplateId'],
  ])('names the output of %s %s', (id, key) => {
    expect(templateOutputKey(id)).toBe(key);
  });
});

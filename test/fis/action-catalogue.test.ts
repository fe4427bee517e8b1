import { FIS_ACTIONS } from '../../lib/fis/action-catalogue';
import { templateOutputKey } from '../../lib/fis/template-output-key';

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
    expect(FIS_ACTIONS['aws:cloudwatch:assert-alarm-state']).toEqual({ targetType: 'none', parameters: [{ name: 'alarmArns', required: true }, { name: 'alarmStates', required: true }] });
    expect(FIS_ACTIONS['aws:fis:wait'].parameters).toEqual([{ name: 'duration', required: true }]);
    const automation = FIS_ACTIONS['aws:ssm:start-automation-execution'];
    expect(automation.parameters.filter((p) => p.required).map((p) => p.name)).toEqual(['documentArn', 'maxDuration']);
    expect(automation.parameters.map((p) => p.name)).toContain('documentParameters');
  });

  test('the SSM-run task actions need the sidecar and the control-plane ones do not', () => {
    expect(Object.entries(FIS_ACTIONS).filter(([, s]) => s.needsSidecar).map(([id]) => id).sort()).toEqual(
      ['aws:ecs:task-cpu-stress', 'aws:ecs:task-io-stress', 'aws:ecs:task-kill-process', 'aws:ecs:task-network-blackhole-port', 'aws:ecs:task-network-latency', 'aws:ecs:task-network-packet-loss'],
    );
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

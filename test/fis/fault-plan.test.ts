import { catalogue, findDrill } from '../../experiments';
import type { Drill } from '../../lib/drill';
import { actionIdsOf, faultPlan, selectionMode, type FaultTargetRefs } from '../../lib/fis/fault-plan';

const refs: FaultTargetRefs = { clusterName: 'demo-cluster', serviceName: 'demo-service', vpcId: 'vpc-1', zones: ['eu-west-1a', 'eu-west-1b'], processName: 'node' };
const drill = (id: string): Drill => findDrill(id) as Drill;

describe('faultPlan', () => {
  test('task-stop-drain stops COUNT(1) of the service\'s tasks, found by cluster and service', () => {
    expect(faultPlan(drill('task-stop-drain'), refs)).toEqual({
      targets: { ServiceTasks: { resourceType: 'aws:ecs:task', selectionMode: 'COUNT(1)', parameters: { cluster: 'demo-cluster', service: 'demo-service' } } },
      actions: { StopTasks: expect.objectContaining({ actionId: 'aws:ecs:stop-task', targets: { Tasks: 'ServiceTasks' } }) },
    });
  });

  test('task-hard-kill SIGKILLs the app process by name, with string parameters only', () => {
    const plan = faultPlan(drill('task-hard-kill'), refs);
    expect(plan.actions.KillProcess).toEqual(expect.objectContaining({
      actionId: 'aws:ecs:task-kill-process',
      parameters: { processName: 'node', signal: 'SIGKILL', installDependencies: 'true' },
      targets: { Tasks: 'ServiceTasks' },
    }));
    expect(plan.targets.ServiceTasks).toEqual(expect.objectContaining({ selectionMode: 'COUNT(1)' }));
    for (const value of Object.values(plan.actions.KillProcess.parameters as Record<string, unknown>)) expect(typeof value).toBe('string');
  });

  test('az-outage cuts the zone\'s subnets (scope all, for the duration) and stops the tasks filtered to that zone', () => {
    const plan = faultPlan(drill('az-outage'), refs);
    expect(plan.targets).toEqual({
      ZoneSubnets: { resourceType: 'aws:ec2:subnet', selectionMode: 'ALL', parameters: { availabilityZoneIdentifier: 'eu-west-1a', vpc: 'vpc-1' } },
      ZoneTasks: {
        resourceType: 'aws:ecs:task',
        selectionMode: 'ALL',
        parameters: { cluster: 'demo-cluster', service: 'demo-service' },
        filters: [{ path: 'AvailabilityZone', values: ['eu-west-1a'] }],
      },
    });
    expect(plan.actions.DisruptZone).toEqual(expect.objectContaining({ actionId: 'aws:network:disrupt-connectivity', parameters: { duration: 'PT5M', scope: 'all' }, targets: { Subnets: 'ZoneSubnets' } }));
    expect(plan.actions.StopZoneTasks).toEqual(expect.objectContaining({ actionId: 'aws:ecs:stop-task', targets: { Tasks: 'ZoneTasks' } }));
  });

  test('takes the zone the drill names', () => {
    const second: Drill = { ...drill('az-outage'), fault: { kind: 'az-outage', zoneIndex: 1, duration: { aws: 'PT2M', local: 'PT1S' } } };
    expect(faultPlan(second, refs).targets.ZoneTasks.filters).toEqual([{ path: 'AvailabilityZone', values: ['eu-west-1b'] }]);
  });

  test('rejects a zone index beyond the service\'s zones and names the drill\'s file', () => {
    const third: Drill = { ...drill('az-outage'), fault: { kind: 'az-outage', zoneIndex: 2, duration: { aws: 'PT2M', local: 'PT1S' } } };
    expect(() => faultPlan(third, refs)).toThrow(new RegExp(`${third.file.replace(/[/\\.]/g, '.')}: fault.zoneIndex 2 is outside the service's 2 zone\\(s\\)`));
  });

  test('renders COUNT(n) and PERCENT(n) selections', () => {
    expect(selectionMode({ count: 2 })).toBe('COUNT(2)');
    expect(selectionMode({ percent: 50 })).toBe('PERCENT(50)');
  });

  test('lists the action ids the catalogue uses', () => {
    expect([...actionIdsOf(catalogue.map((d) => faultPlan(d, refs)))].sort()).toEqual(['aws:ecs:stop-task', 'aws:ecs:task-kill-process', 'aws:network:disrupt-connectivity']);
  });
});

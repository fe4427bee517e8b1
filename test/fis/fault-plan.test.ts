import { fisAction } from '../../lib/fis/action-catalogue';
import { catalogue, findDrill } from '../../experiments';
import type { Drill } from '../../lib/drill';
import { actionIdsOf, faultPlan, selectionMode, type FaultTargetRefs } from '../../lib/fis/fault-plan';
import { expectEvery } from '../helpers/expect-every';

const refs: FaultTargetRefs = { clusterName: 'demo-cluster', serviceName: 'demo-service', vpcId: 'vpc-1', zones: ['eu-west-1a', 'eu-west-1b'], processName: 'node' };
const drill = (id: string): Drill => findDrill(id) as Drill;
const withDatabase: FaultTargetRefs = { ...refs, database: { port: 5432, clusterArn: 'arn:aws:rds:eu-west-1:111122223333:cluster:demo-db' } };

describe('faultPlan', () => {
  test("task-stop-drain stops COUNT(1) of the service's tasks, found by cluster and service", () => {
    expect(faultPlan(drill('task-stop-drain'), refs)).toEqual({
      targets: { ServiceTasks: { resourceType: 'aws:ecs:task', selectionMode: 'COUNT(1)', parameters: { cluster: 'demo-cluster', service: 'demo-service' } } },
      actions: { StopTasks: expect.objectContaining({ actionId: 'aws:ecs:stop-task', targets: { Tasks: 'ServiceTasks' } }) },
    });
  });

  test('task-hard-kill SIGKILLs the app process by name, with string parameters only', () => {
    const plan = faultPlan(drill('task-hard-kill'), refs);
    expect(plan.actions.KillProcess).toEqual(
      expect.objectContaining({
        actionId: 'aws:ecs:task-kill-process',
        parameters: { processName: 'node', signal: 'SIGKILL', installDependencies: 'true' },
        targets: { Tasks: 'ServiceTasks' },
      }),
    );
    expect(plan.targets.ServiceTasks).toEqual(expect.objectContaining({ selectionMode: 'COUNT(1)' }));
    for (const value of Object.values(plan.actions.KillProcess.parameters as Record<string, unknown>)) expect(typeof value).toBe('string');
  });

  test("az-outage cuts the zone's subnets (scope all, for the duration) and stops the tasks filtered to that zone", () => {
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
    expect(plan.actions.DisruptZone).toEqual(
      expect.objectContaining({ actionId: 'aws:network:disrupt-connectivity', parameters: { duration: 'PT5M', scope: 'all' }, targets: { Subnets: 'ZoneSubnets' } }),
    );
    expect(plan.actions.StopZoneTasks).toEqual(expect.objectContaining({ actionId: 'aws:ecs:stop-task', targets: { Tasks: 'ZoneTasks' } }));
  });

  test('takes the zone the drill names', () => {
    const second: Drill = { ...drill('az-outage'), fault: { kind: 'az-outage', zoneIndex: 1, duration: { aws: 'PT2M', local: 'PT1S' } } };
    expect(faultPlan(second, refs).targets.ZoneTasks.filters).toEqual([{ path: 'AvailabilityZone', values: ['eu-west-1b'] }]);
  });

  test("rejects a zone index beyond the service's zones and names the drill's file", () => {
    const third: Drill = { ...drill('az-outage'), fault: { kind: 'az-outage', zoneIndex: 2, duration: { aws: 'PT2M', local: 'PT1S' } } };
    expect(() => faultPlan(third, refs)).toThrow(new RegExp(`${third.file.replace(/[/\\.]/g, '.')}: fault.zoneIndex 2 is outside the service's 2 zone\\(s\\)`));
  });

  test('renders COUNT(n) and PERCENT(n) selections', () => {
    expect(selectionMode({ count: 2 })).toBe('COUNT(2)');
    expect(selectionMode({ percent: 50 })).toBe('PERCENT(50)');
  });

  test('lists the action ids the catalogue uses', () => {
    expect([...actionIdsOf(catalogue.map((d) => faultPlan(d, withDatabase)))].sort()).toEqual([
      'aws:ecs:stop-task',
      'aws:ecs:task-kill-process',
      'aws:ecs:task-network-blackhole-port',
      'aws:network:disrupt-connectivity',
      'aws:rds:failover-db-cluster',
    ]);
  });

  test('black-holes the database port on every task of the service, egress TCP through the ECS fault-injection endpoints (Fargate), every value a string', () => {
    const plan = faultPlan(drill('dependency-outage'), withDatabase);
    expect(plan.targets.ServiceTasks).toEqual({ resourceType: 'aws:ecs:task', selectionMode: 'ALL', parameters: { cluster: 'demo-cluster', service: 'demo-service' } });
    expect(plan.actions.BlackholeDatabasePort).toMatchObject({
      actionId: 'aws:ecs:task-network-blackhole-port',
      parameters: { duration: 'PT2M', port: '5432', trafficType: 'egress', protocol: 'tcp', useEcsFaultInjectionEndpoints: 'true', installDependencies: 'true' },
      targets: { Tasks: 'ServiceTasks' },
    });
    const spec = fisAction('aws:ecs:task-network-blackhole-port');
    const given = Object.keys(plan.actions.BlackholeDatabasePort.parameters as Record<string, string>);
    expect(given).toEqual(expect.arrayContaining((spec?.parameters ?? []).filter((p) => p.required).map((p) => p.name)));
    expectEvery(given, (name) => spec?.parameters.some((p) => p.name === name) === true, 'parameters given');
  });

  test('fails the database cluster over by its ARN', () => {
    const plan = faultPlan(drill('database-failover'), withDatabase);
    expect(plan.targets.DatabaseCluster).toEqual({ resourceType: 'aws:rds:cluster', selectionMode: 'ALL', resourceArns: [withDatabase.database?.clusterArn] });
    expect(plan.actions.FailoverDatabase).toEqual(expect.objectContaining({ actionId: 'aws:rds:failover-db-cluster', targets: { Clusters: 'DatabaseCluster' } }));
  });

  test('rejects a dependency drill for a service without a database, saying how to give it one', () => {
    expect(() => faultPlan(drill('database-failover'), refs)).toThrow(/needs the service's database; set service.database \(e.g. -c service.database=true\)/);
  });
});

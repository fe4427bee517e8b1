import { needsDatabase } from '../../lib/drill';
import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { catalogue, findDrill } from '../../experiments';
import { applyGuardrails } from '../../lib/guardrails';
import { ConstructPropsError, SSM_AGENT_IMAGE } from '../../lib/workload';
import { ServiceDrills } from '../../lib/service-drills';
import { errorsOf, synthWithReport } from '../guardrails/validation-report';
import { teamStack } from './team-stack';

const drill = (id: string) =>
  findDrill(id) ??
  (() => {
    throw new Error(id);
  })();

describe("ServiceDrills on a team's ApplicationLoadBalancedFargateService, with only service, targetGroup and loadBalancer", () => {
  let t: Template;
  let a: Annotations;
  beforeAll(() => {
    const { stack, web } = teamStack();
    new ServiceDrills(stack, 'Drills', { service: web.service, targetGroup: web.targetGroup, loadBalancer: web.loadBalancer });
    t = Template.fromStack(stack);
    a = Annotations.fromStack(stack);
  });

  test("makes one FIS experiment template per catalogue drill (the dependency drills need a database it has not), aimed at the service's cluster and name", () => {
    t.resourceCountIs('AWS::FIS::ExperimentTemplate', catalogue.filter((d) => !needsDatabase(d.fault)).length);
    t.hasResourceProperties('AWS::FIS::ExperimentTemplate', {
      Tags: Match.objectLike({ drill: 'task-stop-drain' }),
      Targets: {
        ServiceTasks: Match.objectLike({
          ResourceType: 'aws:ecs:task',
          Parameters: { cluster: { Ref: Match.stringLikeRegexp('Cluster') }, service: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebService'), 'Name'] } },
        }),
      },
    });
  });

  test("makes the error-rate, healthy-hosts and running-tasks alarms on the team's load balancer, target group and service", () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: Match.stringLikeRegexp('-healthy-hosts$'),
      MetricName: 'HealthyHostCount',
      Dimensions: Match.arrayWith([
        { Name: 'LoadBalancer', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebLB'), 'LoadBalancerFullName'] } },
        { Name: 'TargetGroup', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebLBPublicListener'), 'TargetGroupFullName'] } },
      ]),
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: Match.stringLikeRegexp('-running-tasks$'),
      Dimensions: Match.arrayWith([{ Name: 'ServiceName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebService'), 'Name'] } }]),
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: Match.stringLikeRegexp('-error-rate$') });
  });

  test('makes the FIS role that only fis.amazonaws.com may assume, and a retained experiment log group', () => {
    t.hasResourceProperties('AWS::IAM::Role', { AssumeRolePolicyDocument: Match.objectLike({ Statement: [Match.objectLike({ Principal: { Service: 'fis.amazonaws.com' } })] }) });
    t.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain', Properties: { RetentionInDays: 90 } });
  });

  test("adds the SSM agent sidecar, pidMode task, fault injection and a Linux platform to the team's task definition", () => {
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      EnableFaultInjection: true,
      PidMode: 'task',
      RuntimePlatform: { OperatingSystemFamily: 'LINUX' },
      ContainerDefinitions: Match.arrayWith([Match.objectLike({ Name: 'web' }), Match.objectLike({ Name: 'ssm-agent', Image: SSM_AGENT_IMAGE, Essential: false })]),
    });
  });

  test("outputs the runner's keys with exactly those logical ids", () => {
    const outputs = Object.keys(t.toJSON().Outputs as object);
    expect(outputs).toEqual(
      expect.arrayContaining([
        'ClusterName',
        'DrillAzOutageTemplateId',
        'DrillTaskHardKillTemplateId',
        'DrillTaskStopDrainTemplateId',
        'ExperimentLogGroupName',
        'LoadBalancerFullName',
        'ServiceName',
        'ServiceUrl',
        'TargetGroupFullName',
      ]),
    );
    // The pattern's own outputs stay beside them.
    expect(outputs.filter((k) => k.startsWith('Web'))).toHaveLength(2);
    t.hasOutput('ServiceUrl', { Value: { 'Fn::Join': ['', ['http://', { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebLB'), 'DNSName'] }]] } });
  });

  test("keeps az-outage's placements out of the cut zone through the automation, on the service's private subnets", () => {
    t.resourceCountIs('AWS::SSM::Document', 1);
    const az = Object.values(t.findResources('AWS::FIS::ExperimentTemplate')).find((r) => r.Properties.Tags.drill === 'az-outage');
    const parameters = JSON.stringify(az?.Properties.Actions.KeepPlacementsOutOfZone.Parameters.documentParameters);
    expect(parameters).toMatch(/VpcPrivateSubnet1Subnet/);
    expect(parameters).not.toMatch(/VpcPrivateSubnet2Subnet|PublicSubnet/);
  });

  test('warns that kill-process kills "node" when processName is not set', () => {
    a.hasWarning('/Team/Drills', Match.stringLikeRegexp('kill-process drills kill the process named "node"'));
  });
});

describe('ServiceDrills under the guardrails', () => {
  test('passes the fis-drills guardrails and cdk-nag on a drain-ready team service', () => {
    const { app, stack, web } = teamStack();
    new ServiceDrills(stack, 'Drills', { service: web.service, targetGroup: web.targetGroup, loadBalancer: web.loadBalancer, processName: 'web' });
    applyGuardrails(app, { longestRequestSeconds: 60 });
    const outcome = synthWithReport(app);
    expect(outcome.error).toBeUndefined();
    expect(errorsOf(outcome)).toEqual([]);
    expect(outcome.violations.length).toBeGreaterThan(0); // the plugin ran: its notes are listed
  });

  test('fails the guardrails when the team service runs one task', () => {
    const { app, stack, web } = teamStack();
    (web.service.node.defaultChild as ecs.CfnService).desiredCount = 1;
    new ServiceDrills(stack, 'Drills', { service: web, processName: 'web' });
    applyGuardrails(app, { longestRequestSeconds: 60, awsSolutions: false });
    const outcome = synthWithReport(app);
    expect(outcome.failed).toBe(true);
    expect(errorsOf(outcome)).toEqual([expect.stringMatching(/^Team\/Web\/Service\/Service: DRILL-DRAIN-9/)]);
  });
});

describe('ServiceDrills with other props', () => {
  test('takes the ApplicationLoadBalancedFargateService itself as service, with nothing else', () => {
    const { stack, web } = teamStack();
    const drills = new ServiceDrills(stack, 'Drills', { service: web, drills: [drill('task-stop-drain')], name: 'web' });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::FIS::ExperimentTemplate', 1);
    t.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'web-drills' });
    expect(drills.templates['task-stop-drain']).toBeDefined();
  });

  test('leaves the task definition alone when no drill uses an aws:ecs:task-* action', () => {
    const { stack, web } = teamStack();
    new ServiceDrills(stack, 'Drills', { service: web, drills: [drill('task-stop-drain')] });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ECS::TaskDefinition', { PidMode: Match.absent(), EnableFaultInjection: Match.absent() });
  });

  test('drills a service deployed elsewhere by its names, outputs its URL from the reference and warns that the task prerequisites are unchecked', () => {
    const stack = new Stack(undefined, 'Existing');
    new ServiceDrills(stack, 'Drills', {
      name: 'orders',
      existing: {
        clusterName: 'prod',
        serviceName: 'orders',
        targetGroupFullName: 'targetgroup/orders/0123456789abcdef',
        loadBalancerFullName: 'app/orders/fedcba9876543210',
        vpcId: 'vpc-0abc',
        zones: ['eu-west-1a', 'eu-west-1b'],
        serviceUrl: 'https://orders.example.com',
        subnetIdsByZone: [['subnet-a'], ['subnet-b']],
      },
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::FIS::ExperimentTemplate', {
      Targets: { ServiceTasks: Match.objectLike({ Parameters: { cluster: 'prod', service: 'orders' } }) },
      Tags: Match.objectLike({ drill: 'task-stop-drain', service: 'orders' }),
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'orders-healthy-hosts', Dimensions: Match.arrayWith([{ Name: 'TargetGroup', Value: 'targetgroup/orders/0123456789abcdef' }]) });
    t.hasOutput('ServiceUrl', { Value: 'https://orders.example.com' });
    t.hasResourceProperties('AWS::FIS::ExperimentTemplate', {
      Tags: Match.objectLike({ drill: 'az-outage' }),
      Targets: Match.objectLike({ ZoneSubnets: Match.objectLike({ Parameters: { availabilityZoneIdentifier: 'eu-west-1a', vpc: 'vpc-0abc' } }) }),
    });
    const az = Object.values(t.findResources('AWS::FIS::ExperimentTemplate')).find((r) => r.Properties.Tags.drill === 'az-outage');
    expect(JSON.stringify(az?.Properties.Actions.KeepPlacementsOutOfZone.Parameters.documentParameters)).toContain('\\"SubnetIds\\":[\\"subnet-a\\"]');
    t.resourceCountIs('AWS::ECS::TaskDefinition', 0);
    Annotations.fromStack(stack).hasWarning('/Existing/Drills', Match.stringLikeRegexp('task definition is not in this app'));
  });

  test('runs az-outage on an existing service without moving placements when its subnets are not given', () => {
    const stack = new Stack(undefined, 'Existing');
    new ServiceDrills(stack, 'Drills', {
      drills: [drill('az-outage')],
      existing: { clusterName: 'c', serviceName: 's', targetGroupFullName: 'targetgroup/s/1', loadBalancerFullName: 'app/s/1', vpcId: 'vpc-1', zones: ['eu-west-1a', 'eu-west-1b'] },
    });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::SSM::Document', 0);
    t.hasResourceProperties('AWS::FIS::ExperimentTemplate', { Actions: Match.objectLike({ KeepPlacementsOutOfZone: Match.absent() }) });
    expect(Object.keys(t.toJSON().Outputs as object)).not.toContain('ServiceUrl');
  });

  test('rejects props with no service, naming both ways to give one', () => {
    expect(() => new ServiceDrills(new Stack(), 'Drills', {})).toThrow(/no service: give service .* or existing/);
  });

  test('rejects every problem at once: service and existing both, a drill twice, gameDaysEnabled without gameDays', () => {
    const { stack, web } = teamStack();
    const existing = { clusterName: 'c', serviceName: 's', targetGroupFullName: 'tg', loadBalancerFullName: 'lb', vpcId: 'v', zones: ['a'] };
    let error: unknown;
    try {
      new ServiceDrills(stack, 'Drills', { service: web, existing, drills: [drill('task-stop-drain'), drill('task-stop-drain')], gameDaysEnabled: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConstructPropsError);
    expect((error as ConstructPropsError).problems).toEqual([
      expect.stringMatching(/^both service and existing are given/),
      expect.stringMatching(/^drills lists task-stop-drain more than once/),
      expect.stringMatching(/^gameDaysEnabled is true without gameDays/),
    ]);
  });

  test('rejects a built ecs service given without its target group and load balancer', () => {
    const { stack, web } = teamStack();
    expect(() => new ServiceDrills(stack, 'Drills', { service: web.service })).toThrow(/targetGroup is missing[\s\S]*loadBalancer is missing/);
  });
});

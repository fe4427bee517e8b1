import { needsDatabase } from '../../lib/drill';
import { App, type Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { catalogue } from '../../experiments';
import { loadServices } from '../../lib/config-services';
import { templateOutputKey } from '../../lib/contract';
import { buildGuardedServices } from '../../lib/stacks/build-guarded-app';
import { errorsOf, synthWithReport } from '../guardrails/validation-report';
import { demoImageDirectory } from './synth-app';
import { TWO_SERVICES } from './two-services';

function buildTwo() {
  const app = new App();
  const services = loadServices((key) => (key === 'drills' ? TWO_SERVICES : undefined), { catalogue });
  const built = buildGuardedServices(app, { services, catalogue, demoImageDirectory: demoImageDirectory() });
  return { app, built };
}

const outputsOf = (stack: Stack) => Template.fromStack(stack).toJSON().Outputs as Record<string, { Value: unknown }>;

describe('an app with two services, one managed from an image and one existing', () => {
  let built: ReturnType<typeof buildTwo>['built'];
  let app: App;
  beforeAll(() => ({ app, built } = buildTwo()));

  test('synthesizes Checkout-Workload, Checkout-Drills and Payments-Drills, and no workload for the existing service', () => {
    expect(app.node.children.filter((c) => (c as Stack).stackName).map((s) => (s as Stack).stackName)).toEqual(['Checkout-Workload', 'Checkout-Drills', 'Payments-Drills']);
    expect(built.map((b) => [b.service.name, b.workload?.stackName, b.drills.stackName])).toEqual([
      ['checkout', 'Checkout-Workload', 'Checkout-Drills'],
      ['payments', undefined, 'Payments-Drills'],
    ]);
  });

  test("the managed service runs its image and its Drills stack has only its own drills' template outputs", () => {
    const workload = Template.fromStack(built[0].workload as Stack);
    workload.hasResourceProperties('AWS::ECS::TaskDefinition', { ContainerDefinitions: Match.arrayWith([Match.objectLike({ Name: 'app', Image: 'public.ecr.aws/example/checkout:1.4.2' })]) });
    expect(Object.keys(outputsOf(built[0].workload as Stack))).toEqual(expect.arrayContaining(['ServiceUrl', 'ClusterName', 'ServiceName', 'LoadBalancerFullName', 'TargetGroupFullName']));
    const keys = Object.keys(outputsOf(built[0].drills)).filter((k) => k.startsWith('Drill'));
    expect(keys.sort()).toEqual([templateOutputKey('task-hard-kill'), templateOutputKey('task-stop-drain')].sort());
    Template.fromStack(built[0].drills).resourceCountIs('AWS::FIS::ExperimentTemplate', 2);
  });

  test("the existing service's Drills stack carries today's output keys, ServiceUrl from existing.serviceUrl, and a template per drill", () => {
    const outputs = outputsOf(built[1].drills);
    expect(outputs.ServiceUrl.Value).toBe('https://payments.example.com');
    expect(outputs.ClusterName.Value).toBe('platform-prod');
    expect(outputs.ServiceName.Value).toBe('payments-api');
    expect(outputs.LoadBalancerFullName.Value).toBe('app/platform-alb/fedcba9876543210');
    expect(outputs.TargetGroupFullName.Value).toBe('targetgroup/payments-tg/0123456789abcdef');
    // Without service.database the dependency drills get no template (needsDatabase).
    for (const d of catalogue) expect(outputs[templateOutputKey(d.id)] !== undefined).toBe(!needsDatabase(d.fault));
  });

  test("the existing service's templates target its cluster, service, VPC and zones by name, guarded by alarms on its load balancer", () => {
    const t = Template.fromStack(built[1].drills);
    t.hasResourceProperties('AWS::FIS::ExperimentTemplate', {
      Tags: Match.objectLike({ drill: 'task-hard-kill', service: 'payments' }),
      Targets: { ServiceTasks: Match.objectLike({ Parameters: { cluster: 'platform-prod', service: 'payments-api' } }) },
      Actions: { KillProcess: Match.objectLike({ Parameters: Match.objectLike({ processName: 'java' }) }) },
    });
    const zone = Object.values(t.findResources('AWS::FIS::ExperimentTemplate'))
      .map((r) => r.Properties)
      .find((p) => p.Tags.drill === 'az-outage');
    expect(zone.Targets.ZoneSubnets.Parameters).toEqual({ availabilityZoneIdentifier: 'eu-west-1a', vpc: 'vpc-0a1b2c3d4e5f60718' });
    expect(JSON.stringify(zone.Actions.KeepPlacementsOutOfZone.Parameters.documentParameters)).toContain('\\"SubnetIds\\":[\\"subnet-0aaaaaaaaaaaaaaaa\\"]');
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'payments-healthy-hosts',
      Dimensions: Match.arrayWith([
        { Name: 'LoadBalancer', Value: 'app/platform-alb/fedcba9876543210' },
        { Name: 'TargetGroup', Value: 'targetgroup/payments-tg/0123456789abcdef' },
      ]),
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'payments-running-tasks',
      Dimensions: Match.arrayWith([
        { Name: 'ClusterName', Value: 'platform-prod' },
        { Name: 'ServiceName', Value: 'payments-api' },
      ]),
    });
  });

  test('passes the guardrails and cdk-nag: no error on any stack, synth does not throw', () => {
    const outcome = synthWithReport(app);
    expect(outcome.error).toBeUndefined();
    expect(errorsOf(outcome)).toEqual([]);
  });
});

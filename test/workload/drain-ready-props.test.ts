import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { ConstructPropsError, DrainReadyFargateService } from '../../lib/workload';
import { demoImageDirectory } from '../stacks/synth-app';

const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/team/api:7');
const healthCheck = { command: ['CMD', '/app/health'] };

function teamNetwork() {
  const stack = new Stack();
  const vpc = new ec2.Vpc(stack, 'TeamVpc', { maxAzs: 3 });
  const cluster = new ecs.Cluster(stack, 'TeamCluster', { vpc });
  return { stack, vpc, cluster };
}

describe('DrainReadyFargateService with flat props', () => {
  test('builds its own VPC, cluster and ALB with the demo image when given nothing but the demo directory', () => {
    const stack = new Stack();
    const svc = new DrainReadyFargateService(stack, 'Svc', { demoImageDirectory: demoImageDirectory() });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::EC2::VPC', 1);
    t.resourceCountIs('AWS::ECS::Cluster', 1);
    t.resourceCountIs('AWS::EC2::NatGateway', 2);
    t.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 2 });
    expect(svc.drainBudget).toEqual({ stopTimeoutSeconds: 120, drainTimeoutSeconds: 110, deregistrationDelaySeconds: 90, longestRequestSeconds: 60 });
  });

  test("drops into a team's VPC and cluster without making its own", () => {
    const { stack, vpc, cluster } = teamNetwork();
    const svc = new DrainReadyFargateService(stack, 'Svc', { cluster, image, healthCheck });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::EC2::VPC', 1);
    t.resourceCountIs('AWS::ECS::Cluster', 1);
    t.hasResourceProperties('AWS::ECS::Service', { Cluster: { Ref: Match.stringLikeRegexp('^TeamCluster') } });
    expect(svc.vpc).toBe(vpc);
    expect(svc.zones).toEqual(vpc.availabilityZones);
  });

  test('takes the drain budget as Durations and gives the app its drain deadline in milliseconds', () => {
    const { stack, cluster } = teamNetwork();
    new DrainReadyFargateService(stack, 'Svc', {
      cluster,
      image,
      healthCheck,
      stopTimeout: Duration.seconds(90),
      drainTimeout: Duration.millis(75500),
      longestRequest: Duration.seconds(45),
      deregistrationDelay: Duration.seconds(60),
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: Match.arrayWith([Match.objectLike({ Name: 'app', StopTimeout: 90, Environment: Match.arrayWith([{ Name: 'DRAIN_TIMEOUT_MS', Value: '75500' }]) })]),
      Tags: Match.arrayWith([{ Key: 'fis-drills:longest-request-seconds', Value: '45' }]),
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { TargetGroupAttributes: Match.arrayWith([{ Key: 'deregistration_delay.timeout_seconds', Value: '60' }]) });
  });

  test("adds its target group to a team's listener under a rule, making no load balancer of its own", () => {
    const { stack, vpc, cluster } = teamNetwork();
    const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, 'TeamAlb', { vpc, internetFacing: true });
    const listener = loadBalancer.addListener('Http', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(404) });
    const svc = new DrainReadyFargateService(stack, 'Svc', {
      cluster,
      image,
      healthCheck,
      loadBalancer,
      listener,
      listenerRule: { priority: 10, conditions: [elbv2.ListenerCondition.pathPatterns(['/api/*'])] },
    });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 1);
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 10,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }],
      Actions: [{ Type: 'forward', TargetGroupArn: { Ref: Match.stringLikeRegexp('^SvcTargetGroup') } }],
    });
    expect(svc.loadBalancer).toBe(loadBalancer);
  });

  test('rejects every problem with its props in one message', () => {
    const { stack, cluster } = teamNetwork();
    const other = new ec2.Vpc(stack, 'OtherVpc');
    let error: unknown;
    try {
      new DrainReadyFargateService(stack, 'Svc', {
        vpc: other,
        cluster,
        azCount: 3,
        image,
        healthCheck,
        stopTimeout: Duration.seconds(150),
        drainTimeout: Duration.seconds(150),
        desiredCount: 0,
        environment: { PORT: '1', TOKEN: 'x' },
        secrets: { TOKEN: ecs.Secret.fromSsmParameter({ parameterArn: 'arn:aws:ssm:eu-west-1:123456789012:parameter/t', parameterName: 't' } as never) },
        listener: {} as elbv2.IApplicationListener,
        certificateArn: 'my-cert',
        sidecars: { app: { image } },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConstructPropsError);
    expect((error as ConstructPropsError).problems).toEqual([
      'desiredCount is 0: use a whole number from 1 to 9007199254740991',
      'stopTimeout is 150 s: Fargate takes 2 to 120 s',
      expect.stringMatching(/^drainTimeout is 150 s with stopTimeout 150 s: .*set drainTimeout below stopTimeout$/),
      expect.stringMatching(/^azCount is 3 with a vpc given/),
      expect.stringMatching(/^cluster is in another VPC than vpc/),
      expect.stringMatching(/^listener is given without loadBalancer/),
      expect.stringMatching(/^certificateArn is given with listener/),
      expect.stringMatching(/^certificateArn is "my-cert": give an ACM certificate ARN/),
      expect.stringMatching(/^environment sets PORT: /),
      expect.stringMatching(/^TOKEN is in both environment and secrets/),
      expect.stringMatching(/^sidecars name app: /),
    ]);
    expect((error as Error).message).toMatch(/^DrainReadyFargateService props have 11 problem\(s\):\n {2}- desiredCount is 0/);
  });
});

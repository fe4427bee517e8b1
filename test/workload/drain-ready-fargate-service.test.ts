import { Match, type Template } from 'aws-cdk-lib/assertions';
import { SSM_AGENT_IMAGE } from '../../lib/workload';
import { synthApp, type SynthesizedApp } from '../stacks/synth-app';

describe('DrainReadyFargateService with the default config (demo image)', () => {
  let built: SynthesizedApp;
  let t: Template;
  beforeAll(() => {
    built = synthApp();
    t = built.workloadTemplate;
  });

  test('spreads a VPC over 2 zones with a NAT gateway in each', () => {
    t.resourceCountIs('AWS::EC2::Subnet', 4);
    t.resourceCountIs('AWS::EC2::NatGateway', 2);
    t.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: { 'Fn::Select': [1, { 'Fn::GetAZs': '' }] } });
    expect(built.workload.workload.zones).toHaveLength(2);
  });

  test('turns Container Insights on for the cluster', () => {
    t.hasResourceProperties('AWS::ECS::Cluster', { ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] });
  });

  test('enables fault injection with pidMode task on a Linux x86_64 runtime', () => {
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      EnableFaultInjection: true,
      PidMode: 'task',
      NetworkMode: 'awsvpc',
      RequiresCompatibilities: ['FARGATE'],
      RuntimePlatform: { OperatingSystemFamily: 'LINUX', CpuArchitecture: 'X86_64' },
      Cpu: '256',
      Memory: '512',
      Tags: Match.arrayWith([{ Key: 'fis-drills:longest-request-seconds', Value: '60' }]),
    });
  });

  test('gives the app container stopTimeout, an init process, an exec-form health check and its drain deadline', () => {
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: Match.arrayWith([
        Match.objectLike({
          Name: 'app',
          Essential: true,
          StopTimeout: 120,
          LinuxParameters: Match.objectLike({ InitProcessEnabled: true }),
          HealthCheck: { Command: ['CMD', 'node', 'dist/healthcheck.js'], Interval: 10, Timeout: 5, Retries: 3, StartPeriod: 10 },
          Environment: [
            { Name: 'PORT', Value: '8080' },
            { Name: 'DRAIN_TIMEOUT_MS', Value: '110000' },
          ],
          PortMappings: [{ ContainerPort: 8080, Protocol: 'tcp' }],
          LogConfiguration: Match.objectLike({ LogDriver: 'awslogs' }),
        }),
      ]),
    });
  });

  test('builds the demo image from its directory as an asset', () => {
    const image = JSON.stringify(t.findResources('AWS::ECS::TaskDefinition'));
    expect(image).toMatch(/container-assets/);
  });

  test('adds the SSM agent sidecar: non-essential, cpu 0, with its managed-instance role name', () => {
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: Match.arrayWith([
        Match.objectLike({
          Name: 'ssm-agent',
          Image: SSM_AGENT_IMAGE,
          Essential: false,
          Cpu: 0,
          EntryPoint: ['/bin/bash', '-c'],
          Command: [Match.stringLikeRegexp('create-activation[\\s\\S]*ECS_TASK_ARN[\\s\\S]*amazon-ssm-agent -register')],
          Environment: [{ Name: 'MANAGED_INSTANCE_ROLE_NAME', Value: { Ref: Match.stringLikeRegexp('SsmAgentManagedInstanceRole') } }],
        }),
      ]),
    });
  });

  test('gives the managed-instance role SSM trust, AmazonSSMManagedInstanceCore and the cleanup permissions', () => {
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({ Statement: [Match.objectLike({ Principal: { Service: 'ssm.amazonaws.com' } })] }),
      ManagedPolicyArns: [{ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':iam::aws:policy/AmazonSSMManagedInstanceCore')])] }],
    });
    t.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('SsmAgentManagedInstanceRole') }],
      PolicyDocument: { Statement: [Match.objectLike({ Action: ['ssm:DeleteActivation', 'ssm:DeregisterManagedInstance'], Effect: 'Allow' })], Version: '2012-10-17' },
    });
  });

  test('lets the task role create the activation and pass only the managed-instance role', () => {
    t.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('TaskDefinitionTaskRole') }],
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['ssm:CreateActivation', 'ssm:AddTagsToResource'] }),
          Match.objectLike({
            Action: 'iam:PassRole',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('SsmAgentManagedInstanceRole'), 'Arn'] },
            Condition: { StringEquals: { 'iam:PassedToService': 'ssm.amazonaws.com' } },
          }),
        ]),
      }),
    });
  });

  test('runs 2 tasks in private subnets with min healthy 100 %, max 200 %, a rolling-back circuit breaker and ECS Exec off', () => {
    t.hasResourceProperties('AWS::ECS::Service', {
      DesiredCount: 2,
      LaunchType: 'FARGATE',
      PlatformVersion: 'LATEST',
      EnableExecuteCommand: false,
      HealthCheckGracePeriodSeconds: 30,
      AvailabilityZoneRebalancing: 'ENABLED',
      DeploymentConfiguration: Match.objectLike({ MinimumHealthyPercent: 100, MaximumPercent: 200, DeploymentCircuitBreaker: { Enable: true, Rollback: true } }),
      NetworkConfiguration: {
        AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED', Subnets: [{ Ref: Match.stringLikeRegexp('PrivateSubnet1') }, { Ref: Match.stringLikeRegexp('PrivateSubnet2') }] }),
      },
    });
  });

  test('checks target health as the config says and drains for the deregistration delay', () => {
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetType: 'ip',
      Port: 8080,
      HealthCheckPath: '/healthz',
      HealthCheckIntervalSeconds: 10,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 2,
      Matcher: { HttpCode: '200' },
      TargetGroupAttributes: Match.arrayWith([{ Key: 'deregistration_delay.timeout_seconds', Value: '90' }]),
    });
  });

  test('puts an internet-facing ALB in the public subnets with an idle timeout above the longest request', () => {
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'idle_timeout.timeout_seconds', Value: '90' }]),
    });
  });

  test('outputs exactly the keys the runner reads', () => {
    const outputs = Object.keys(t.toJSON().Outputs).filter((k) => !k.startsWith('ExportsOutput'));
    expect(outputs.sort()).toEqual(['ClusterName', 'LoadBalancerFullName', 'ServiceName', 'ServiceUrl', 'TargetGroupFullName']);
    t.hasOutput('ServiceUrl', { Value: { 'Fn::Join': ['', ['http://', { 'Fn::GetAtt': [Match.stringLikeRegexp('LoadBalancer'), 'DNSName'] }]] } });
    t.hasOutput('LoadBalancerFullName', { Value: { 'Fn::GetAtt': [Match.anyValue(), 'LoadBalancerFullName'] } });
    t.hasOutput('TargetGroupFullName', { Value: { 'Fn::GetAtt': [Match.anyValue(), 'TargetGroupFullName'] } });
  });

  test('leaves no unresolved token in the template', () => {
    expect(JSON.stringify(t.toJSON())).not.toContain('${Token[');
  });
});

describe("DrainReadyFargateService with a team's own image", () => {
  let t: Template;
  let built: SynthesizedApp;
  beforeAll(() => {
    built = synthApp({
      service: {
        imageUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:42',
        healthCheckCommand: '/app/bin/health --port 9000',
        containerPort: 9000,
        healthPath: '/ready',
        stopTimeoutSeconds: 90,
        deregistrationDelaySeconds: 75,
        desiredCount: 3,
        azCount: 3,
        albHealthCheck: { intervalSeconds: 15, timeoutSeconds: 6, healthyThreshold: 3, unhealthyThreshold: 4 },
      },
    });
    t = built.workloadTemplate;
  });

  test('runs the image URI with the configured exec-form health check and drain budget', () => {
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: Match.arrayWith([
        Match.objectLike({
          Name: 'app',
          Image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:42',
          StopTimeout: 90,
          HealthCheck: Match.objectLike({ Command: ['CMD', '/app/bin/health', '--port', '9000'] }),
          Environment: [
            { Name: 'PORT', Value: '9000' },
            { Name: 'DRAIN_TIMEOUT_MS', Value: '80000' },
          ],
          PortMappings: [{ ContainerPort: 9000, Protocol: 'tcp' }],
        }),
      ]),
    });
  });

  test('spreads 3 tasks over 3 zones', () => {
    t.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 3 });
    t.resourceCountIs('AWS::EC2::NatGateway', 3);
    t.resourceCountIs('AWS::EC2::Subnet', 6);
  });

  test('applies the ALB health-check and deregistration settings from the config', () => {
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 9000,
      HealthCheckPath: '/ready',
      HealthCheckIntervalSeconds: 15,
      HealthCheckTimeoutSeconds: 6,
      HealthyThresholdCount: 3,
      UnhealthyThresholdCount: 4,
      TargetGroupAttributes: Match.arrayWith([{ Key: 'deregistration_delay.timeout_seconds', Value: '75' }]),
    });
  });

  test('warns, and sets no container health check, for an image URI without a health-check command', () => {
    const bare = synthApp({ service: { imageUri: 'public.ecr.aws/team/app:1' } });
    bare.workloadTemplate.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: Match.arrayWith([Match.objectLike({ Name: 'app', HealthCheck: Match.absent() })]),
    });
    bare.workloadAnnotations.hasWarning('*', Match.stringLikeRegexp('without service.healthCheckCommand'));
  });
});

/** Test fixture: a team's own stack with an ApplicationLoadBalancedFargateService set up to drain (what the guardrails ask). */
import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import type { IConstruct } from 'constructs';

export interface TeamStack {
  readonly app: App;
  readonly stack: Stack;
  readonly web: ecsPatterns.ApplicationLoadBalancedFargateService;
}

export function teamStack(): TeamStack {
  const app = new App();
  const stack = new Stack(app, 'Team');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 2 });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'TaskDef', { cpu: 256, memoryLimitMiB: 512 });
  taskDefinition.addContainer('web', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/team/web:1'),
    portMappings: [{ containerPort: 8080 }],
    stopTimeout: Duration.seconds(120),
    linuxParameters: new ecs.LinuxParameters(stack, 'WebLinux', { initProcessEnabled: true }),
    healthCheck: { command: ['CMD', '/app/health'], startPeriod: Duration.seconds(10) },
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'web' }),
  });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
  const web = new ecsPatterns.ApplicationLoadBalancedFargateService(stack, 'Web', {
    cluster,
    taskDefinition,
    desiredCount: 2,
    minHealthyPercent: 100,
    circuitBreaker: { rollback: true },
    healthCheckGracePeriod: Duration.seconds(30),
  });
  web.targetGroup.setAttribute('deregistration_delay.timeout_seconds', '90');
  // The team's own choices about its load balancer, acknowledged as a team would (cdk-nag v3).
  Validations.of(web.loadBalancer.node.defaultChild as IConstruct).acknowledge({ id: 'AwsSolutions-ELB2', reason: "test fixture: access logs are the team's choice" });
  // ServiceDrills adds the SSM agent sidecar, whose environment holds its managed-instance role name.
  Validations.of(taskDefinition.node.defaultChild as IConstruct).acknowledge({ id: 'AwsSolutions-ECS2', reason: 'test fixture: no secret in any environment' });
  for (const sg of web.loadBalancer.connections.securityGroups) {
    Validations.of(sg.node.defaultChild as IConstruct).acknowledge({ id: 'AwsSolutions-EC23', reason: 'test fixture: a public load balancer' });
  }
  return { app, stack, web };
}

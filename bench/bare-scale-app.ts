/** The scale benchmark's baseline: SCALE_SERVICES bare ALB-fronted Fargate services, one stack each, CDK defaults. */
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as patterns from 'aws-cdk-lib/aws-ecs-patterns';

const app = new App();
for (let i = 1; i <= Number(process.env.SCALE_SERVICES ?? 20); i += 1) {
  const stack = new Stack(app, `Bare${i}`);
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  new patterns.ApplicationLoadBalancedFargateService(stack, 'Service', {
    cluster,
    desiredCount: 2,
    taskImageOptions: { image: ecs.ContainerImage.fromRegistry(`public.ecr.aws/example/svc-${i}:1.0.0`) },
  });
}
app.synth();

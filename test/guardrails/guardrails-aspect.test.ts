import { App, AspectPriority, Aspects, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { GuardrailsAspect } from '../../lib/guardrails/guardrails-aspect';
import { suppressGuardrail } from '../../lib/guardrails/suppress-guardrail';

function taskDefinitionStack(configure: (c: ecs.ContainerDefinitionOptions) => ecs.ContainerDefinitionOptions) {
  const app = new App();
  const stack = new Stack(app, 'Work');
  const td = new ecs.FargateTaskDefinition(stack, 'TaskDef', { cpu: 256, memoryLimitMiB: 512 });
  const container = td.addContainer('app', configure({
    image: ecs.ContainerImage.fromRegistry('example/app'),
    essential: true,
    stopTimeout: Duration.seconds(120),
    linuxParameters: new ecs.LinuxParameters(stack, 'Lp', { initProcessEnabled: true }),
    healthCheck: { command: ['CMD', 'true'], startPeriod: Duration.seconds(5) },
  }));
  Aspects.of(app).add(new GuardrailsAspect({ longestRequestSeconds: 60 }), { priority: AspectPriority.READONLY });
  return { app, stack, td, container };
}

const errorsOf = (stack: Stack) => Annotations.fromStack(stack).findError('*', Match.anyValue());

describe('GuardrailsAspect', () => {
  it('reports no error for a drain-ready task definition', () => {
    const { stack } = taskDefinitionStack((c) => c);
    expect(errorsOf(stack)).toEqual([]);
  });

  it('fails synth with an error on the resource when stopTimeout is unset', () => {
    const { stack } = taskDefinitionStack((c) => ({ ...c, stopTimeout: undefined }));
    Annotations.fromStack(stack).hasError('/Work/TaskDef/Resource', Match.stringLikeRegexp('^DRILL-DRAIN-1: .*stopTimeout unset'));
  });

  it('lists findings the way cdk-nag does: rule id first, on the construct path', () => {
    const { stack } = taskDefinitionStack((c) => ({ ...c, command: ['sh', '-c', 'node server.js'] }));
    const errors = errorsOf(stack);
    expect(errors.map((e) => e.id)).toEqual(['/Work/TaskDef/Resource']);
    expect(String(errors[0].entry.data)).toMatch(/^DRILL-DRAIN-4: The container starts its app under a shell that stays/);
  });

  it('honours a suppression and shows its reason as info instead of an error', () => {
    const { stack, td } = taskDefinitionStack((c) => ({ ...c, linuxParameters: undefined }));
    suppressGuardrail(td, 'DRILL-DRAIN-2', 'the image runs tini as its ENTRYPOINT');
    expect(errorsOf(stack)).toEqual([]);
    Annotations.fromStack(stack).hasInfo('/Work/TaskDef/Resource', 'DRILL-DRAIN-2 suppressed: the image runs tini as its ENTRYPOINT');
  });

  it('suppresses on every resource under a construct with applyToChildren', () => {
    const { stack } = taskDefinitionStack((c) => ({ ...c, linuxParameters: undefined }));
    suppressGuardrail(stack, 'DRILL-DRAIN-2', 'every image here runs tini as ENTRYPOINT', { applyToChildren: true });
    expect(errorsOf(stack)).toEqual([]);
  });

  it('rejects a suppression without a real reason', () => {
    const { td } = taskDefinitionStack((c) => c);
    expect(() => suppressGuardrail(td, 'DRILL-DRAIN-2', 'because')).toThrow(/shorter than 10 characters/);
    expect(() => suppressGuardrail(td, 'AwsSolutions-IAM5', 'a long enough reason')).toThrow(/not a guardrail id/);
  });

  it.each([[2, []], [1, ['DRILL-DRAIN-10']]])('judges a service whose VPC lives in another stack (%i AZ)', (maxAzs, expected) => {
    const app = new App();
    const base = new Stack(app, 'Base');
    const vpc = new ec2.Vpc(base, 'Vpc', { maxAzs, natGateways: 0, subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PUBLIC }] });
    const cluster = new ecs.Cluster(base, 'Cluster', { vpc });
    const work = new Stack(app, 'Work');
    const td = new ecs.FargateTaskDefinition(work, 'TaskDef');
    td.addContainer('app', {
      image: ecs.ContainerImage.fromRegistry('example/app'),
      stopTimeout: Duration.seconds(30),
      linuxParameters: new ecs.LinuxParameters(work, 'Lp', { initProcessEnabled: true }),
      healthCheck: { command: ['CMD', 'true'], startPeriod: Duration.seconds(5) },
    });
    new ecs.FargateService(work, 'Svc', { cluster, taskDefinition: td, desiredCount: 2, minHealthyPercent: 100, circuitBreaker: { rollback: true } });
    Aspects.of(app).add(new GuardrailsAspect({ longestRequestSeconds: 60 }), { priority: AspectPriority.READONLY });
    const errors = errorsOf(work).map((e) => String(e.entry.data));
    expect(errors.map((e) => e.split(':')[0]).sort()).toEqual(['DRILL-DRAIN-6', ...expected].sort());
    expect(errors).toContainEqual(expect.stringMatching(/^DRILL-DRAIN-6: .*stopTimeout 30 s < longest request 60 s/));
  });
});

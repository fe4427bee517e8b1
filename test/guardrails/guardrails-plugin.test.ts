import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { GuardrailsPlugin } from '../../lib/guardrails/guardrails-plugin';
import { suppressGuardrail } from '../../lib/guardrails/suppress-guardrail';
import { errorsOf, synthWithReport } from './validation-report';

function taskDefinitionStack(configure: (c: ecs.ContainerDefinitionOptions) => ecs.ContainerDefinitionOptions) {
  const app = new App();
  const stack = new Stack(app, 'Work');
  const td = new ecs.FargateTaskDefinition(stack, 'TaskDef', { cpu: 256, memoryLimitMiB: 512 });
  const container = td.addContainer(
    'app',
    configure({
      image: ecs.ContainerImage.fromRegistry('example/app'),
      essential: true,
      stopTimeout: Duration.seconds(120),
      linuxParameters: new ecs.LinuxParameters(stack, 'Lp', { initProcessEnabled: true }),
      healthCheck: { command: ['CMD', 'true'], startPeriod: Duration.seconds(5) },
    }),
  );
  Validations.of(app).addPlugins(new GuardrailsPlugin({ longestRequestSeconds: 60 }));
  return { app, stack, td, container };
}

describe('GuardrailsPlugin', () => {
  it('reports no error for a drain-ready task definition, and synth succeeds', () => {
    const { app } = taskDefinitionStack((c) => c);
    const outcome = synthWithReport(app);
    expect([outcome.failed, errorsOf(outcome)]).toEqual([false, []]);
  });

  it('fails synth with an error on the resource when stopTimeout is unset', () => {
    const { app } = taskDefinitionStack((c) => ({ ...c, stopTimeout: undefined }));
    const outcome = synthWithReport(app);
    expect(outcome.failed).toBe(true);
    expect(errorsOf(outcome)).toEqual([expect.stringMatching(/^Work\/TaskDef\/Resource: DRILL-DRAIN-1: .*stopTimeout unset/)]);
  });

  it('lists findings the way cdk-nag does: rule id first, on the construct path', () => {
    const { app } = taskDefinitionStack((c) => ({ ...c, command: ['sh', '-c', 'node server.js'] }));
    const errors = synthWithReport(app).violations.filter((v) => v.severity === 'error');
    expect(errors.map((e) => [e.rule, e.path])).toEqual([['DRILL-DRAIN-4', 'Work/TaskDef/Resource']]);
    expect(errors[0].description).toMatch(/^DRILL-DRAIN-4: The container starts its app under a shell that stays/);
  });

  it('lists a rule that cannot judge a resource as info, without failing synth', () => {
    const { app } = taskDefinitionStack((c) => c);
    const outcome = synthWithReport(app);
    expect(outcome.violations).toContainEqual(expect.objectContaining({ rule: 'DRILL-DRAIN-4', severity: 'info', description: expect.stringMatching(/not judged: .*ENTRYPOINT/) }));
  });

  it('honours a suppression and lists it as acknowledged with its reason instead of an error', () => {
    const { app, td } = taskDefinitionStack((c) => ({ ...c, linuxParameters: undefined }));
    suppressGuardrail(td, 'DRILL-DRAIN-2', 'the image runs tini as its ENTRYPOINT');
    const outcome = synthWithReport(app);
    expect([outcome.failed, errorsOf(outcome)]).toEqual([false, []]);
    expect(outcome.suppressed).toEqual([expect.objectContaining({ rule: 'DRILL-DRAIN-2', path: 'Work/TaskDef/Resource', reason: 'the image runs tini as its ENTRYPOINT' })]);
  });

  it('suppresses on every resource under a construct with applyToChildren', () => {
    const { app, stack } = taskDefinitionStack((c) => ({ ...c, linuxParameters: undefined }));
    suppressGuardrail(stack, 'DRILL-DRAIN-2', 'every image here runs tini as ENTRYPOINT', { applyToChildren: true });
    const outcome = synthWithReport(app);
    expect(errorsOf(outcome)).toEqual([]);
    expect(outcome.suppressed.map((v) => v.rule)).toEqual(['DRILL-DRAIN-2']);
  });

  it('rejects a suppression without a real reason', () => {
    const { td } = taskDefinitionStack((c) => c);
    expect(() => suppressGuardrail(td, 'DRILL-DRAIN-2', 'because')).toThrow(/shorter than 10 characters/);
    expect(() => suppressGuardrail(td, 'AwsSolutions-IAM5', 'a long enough reason')).toThrow(/not a guardrail id/);
  });

  it.each([
    [2, []],
    [1, ['DRILL-DRAIN-10']],
  ])('judges a service whose VPC lives in another stack (%i AZ)', (maxAzs, expected) => {
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
    Validations.of(app).addPlugins(new GuardrailsPlugin({ longestRequestSeconds: 60 }));
    const errors = errorsOf(synthWithReport(app))
      .filter((e) => e.startsWith('Work/'))
      .map((e) => e.slice(e.indexOf(': ') + 2));
    expect(errors.map((e) => e.split(':')[0]).sort()).toEqual(['DRILL-DRAIN-6', ...expected].sort());
    expect(errors).toContainEqual(expect.stringMatching(/^DRILL-DRAIN-6: .*stopTimeout 30 s < longest request 60 s/));
  });
});

import { DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeServicesCommand, DescribeTasksCommand } from '@aws-sdk/client-ecs';
import { findDrill } from '../../../experiments';
import { FisEngine, OPERATOR_TAG, RUN_ID_TAG } from '../../../lib/runner/aws/fis-engine';
import type { TimelineEntry } from '../../../lib/runner/samples';
import { deployed, experiment, mockedApis, RESOLVED, STEADY_SERVICE, TASK_ARN, TEMPLATE_ID , Fis } from './aws-mocks';

const drill = findDrill('task-stop-drain')!;
const FAST = { initialMs: 1, maxMs: 5, factor: 2 };

function setup(signal?: AbortSignal) {
  const { mocks, apis } = mockedApis();
  const timeline: TimelineEntry[] = [];
  mocks.fis.on(Fis.Start).resolves({ experiment: experiment('initiating', 'pending') });
  mocks.fis.on(Fis.Resolved).resolves(RESOLVED);
  mocks.fis.on(Fis.Template).resolves({
    experimentTemplate: { id: TEMPLATE_ID, tags: { drill: drill.id }, stopConditions: [{ source: 'aws:cloudwatch:alarm', value: 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:demo-error-rate' }] },
  });
  mocks.ecs.on(DescribeServicesCommand).resolves(STEADY_SERVICE);
  mocks.ecs.on(DescribeTasksCommand).resolves({ tasks: [{ taskArn: TASK_ARN, lastStatus: 'STOPPED', containers: [{ name: 'app', exitCode: 0 }] }] });
  mocks.cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
  const engine = new FisEngine({
    ...apis,
    deployed,
    templateId: TEMPLATE_ID,
    runId: 'run-1',
    operator: 'arn:aws:sts::111122223333:assumed-role/oncall/alice',
    onEvent: (e) => timeline.push(e),
    poll: FAST,
    recoveryPollMs: 1,
    signal,
    now: () => new Date('2026-11-23T04:05:00Z'),
  });
  return { mocks, engine, timeline };
}

describe('FisEngine', () => {
  it('starts the template with the run id as client token and tags drill, run id and operator', async () => {
    const { mocks, engine } = setup();
    mocks.fis.on(Fis.Get).resolves({ experiment: experiment('completed') });
    await engine.inject(drill);
    const input = mocks.fis.commandCalls(Fis.Start)[0].args[0].input;
    expect(input).toEqual({
      experimentTemplateId: TEMPLATE_ID,
      clientToken: 'run-1',
      tags: { drill: 'task-stop-drain', [RUN_ID_TAG]: 'run-1', [OPERATOR_TAG]: 'arn:aws:sts::111122223333:assumed-role/oncall/alice' },
    });
  });

  it('reports the fault injected on the resolved task when the experiment completes', async () => {
    const { mocks, engine, timeline } = setup();
    mocks.fis.on(Fis.Get).resolvesOnce({ experiment: experiment('running', 'running') }).resolves({ experiment: experiment('completed') });
    const injection = await engine.inject(drill);
    expect(injection).toEqual({ injected: true, targets: ['0123456789abcdef'] });
    expect(timeline.filter((e) => e.kind === 'experiment-state').map((e) => e.detail)).toEqual(['experiment EXP1 initiating', 'experiment EXP1 running', 'experiment EXP1 completed']);
    expect(engine.experimentId).toBe('EXP1');
  });

  it('fails as ABORTED naming the alarm when a stop condition stops the experiment', async () => {
    const { mocks, engine } = setup();
    mocks.fis.on(Fis.Get).resolves({ experiment: experiment('stopped', 'stopped', { state: { status: 'stopped', reason: 'Experiment stopped by stop condition' } }) });
    mocks.cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'demo-error-rate', StateValue: 'ALARM' }] });
    const injection = await engine.inject(drill);
    expect(injection.aborted).toMatch(/stop condition tripped — alarm\(s\) in ALARM: demo-error-rate/);
    expect(mocks.cloudwatch.commandCalls(DescribeAlarmsCommand)[0].args[0].input.AlarmNames).toEqual(['demo-error-rate']);
    expect(mocks.fis.commandCalls(Fis.Stop)).toHaveLength(0);
  });

  it('fails as ERROR with FIS\'s error when the experiment fails', async () => {
    const { mocks, engine } = setup();
    const failed = experiment('failed', 'failed', { state: { status: 'failed', reason: 'Target resolution failed', error: { code: 'AccessDenied', location: 'oneTask' } } as never });
    mocks.fis.on(Fis.Get).resolves({ experiment: failed });
    const injection = await engine.inject(drill);
    expect(injection.error).toBe('FIS experiment EXP1 failed: Target resolution failed [AccessDenied at oneTask]');
    expect(injection.aborted).toBeUndefined();
  });

  it('fails as ABORTED when a safety lever cancels the experiment', async () => {
    const { mocks, engine } = setup();
    mocks.fis.on(Fis.Get).resolves({ experiment: experiment('cancelled', 'cancelled') });
    const injection = await engine.inject(drill);
    expect(injection.aborted).toMatch(/safety lever/);
    expect(injection.injected).toBe(false);
  });

  it('fails as NOT_INJECTED when FIS resolved zero targets', async () => {
    const { mocks, engine } = setup();
    mocks.fis.on(Fis.Get).resolves({ experiment: experiment('completed') });
    mocks.fis.on(Fis.Resolved).resolves({ resolvedTargets: [] });
    const injection = await engine.inject(drill);
    expect(injection).toMatchObject({ injected: false, reason: 'FIS resolved zero targets' });
  });

  it('fails as NOT_INJECTED when an action was skipped', async () => {
    const { mocks, engine } = setup();
    mocks.fis.on(Fis.Get).resolves({ experiment: experiment('completed', 'skipped') });
    const injection = await engine.inject(drill);
    expect(injection.injected).toBe(false);
    expect(injection.reason).toMatch(/skipped action\(s\) stopOneTask/);
  });

  it('fails as ERROR without watching when StartExperiment is refused', async () => {
    const { mocks, engine } = setup();
    mocks.fis.on(Fis.Start).rejects(Object.assign(new Error('quota reached'), { name: 'ServiceQuotaExceededException' }));
    const injection = await engine.inject(drill);
    expect(injection.error).toMatch(/StartExperiment on template EXTabc123 failed: ServiceQuotaExceededException: quota reached/);
    expect(mocks.fis.commandCalls(Fis.Get)).toHaveLength(0);
  });

  it('stops the experiment and waits for stopped when the run is aborted (Ctrl-C)', async () => {
    const controller = new AbortController();
    const { mocks, engine } = setup(controller.signal);
    let polls = 0;
    mocks.fis.on(Fis.Get).callsFake(() => {
      polls++;
      if (polls === 3) controller.abort('SIGINT');
      const stopCalled = mocks.fis.commandCalls(Fis.Stop).length > 0;
      return { experiment: stopCalled ? experiment(polls > 5 ? 'stopped' : 'stopping', 'stopping') : experiment('running', 'running') };
    });
    mocks.fis.on(Fis.Stop).resolves({ experiment: experiment('stopping', 'stopping') });
    const injection = await engine.inject(drill);
    expect(mocks.fis.commandCalls(Fis.Stop)).toHaveLength(1);
    expect(mocks.fis.commandCalls(Fis.Stop)[0].args[0].input).toEqual({ id: 'EXP1' });
    expect(injection.aborted).toMatch(/stopped by the operator \(SIGINT\)/);
    await engine.close();
    expect(mocks.fis.commandCalls(Fis.Stop)).toHaveLength(1);
  });

  it('close stops an experiment that still runs and waits until FIS says stopped', async () => {
    const { mocks, engine } = setup();
    mocks.fis.on(Fis.Get).resolvesOnce({ experiment: experiment('stopping', 'stopping') }).resolves({ experiment: experiment('stopped', 'stopped') });
    mocks.fis.on(Fis.Stop).resolves({ experiment: experiment('stopping', 'stopping') });
    mocks.fis.on(Fis.Start).resolves({ experiment: experiment('running', 'running') });
    // Start without watching: close() must stop it on its own.
    (engine as unknown as { experiment: unknown }).experiment = (await (engine as unknown as { options: { fis: { startExperiment: (r: unknown) => Promise<unknown> } } }).options.fis.startExperiment({ templateId: TEMPLATE_ID, clientToken: 'x', tags: {} }));
    await engine.close();
    await engine.close();
    expect(mocks.fis.commandCalls(Fis.Stop)).toHaveLength(1);
    expect(mocks.fis.commandCalls(Fis.Get).length).toBeGreaterThanOrEqual(2);
  });

  it('does not start anything once stopped before injecting', async () => {
    const controller = new AbortController();
    const { mocks, engine } = setup(controller.signal);
    controller.abort('SIGTERM');
    const injection = await engine.inject(drill);
    expect(injection.aborted).toMatch(/SIGTERM/);
    expect(mocks.fis.commandCalls(Fis.Start)).toHaveLength(0);
  });

  it('measures recovery, SIGKILLed tasks and metrics after the fault', async () => {
    const { mocks, engine } = setup();
    mocks.fis.on(Fis.Get).resolves({ experiment: experiment('completed') });
    mocks.ecs
      .on(DescribeServicesCommand)
      .resolvesOnce({ services: [{ ...STEADY_SERVICE.services[0], runningCount: 1 }] })
      .resolves({
        services: [
          {
            ...STEADY_SERVICE.services[0],
            events: [
              { createdAt: new Date('2026-11-23T04:00:20Z'), message: '(service demo-service) has started 1 tasks: (task feedbeef).' },
              { createdAt: new Date('2026-11-23T04:01:10Z'), message: '(service demo-service) registered 1 targets in (target-group arn:tg)' },
            ],
          },
        ],
      });
    mocks.ecs.on(DescribeTasksCommand).resolves({ tasks: [{ taskArn: TASK_ARN, lastStatus: 'STOPPED', containers: [{ name: 'app', exitCode: 137 }] }] });
    mocks.cloudwatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: 'healthy_hosts', Values: [2, 1, 2], Timestamps: [] },
        { Id: 'requests', Values: [100], Timestamps: [] },
      ],
    });
    await engine.inject(drill);
    const { recovered } = await engine.awaitRecovery(5000);
    expect(recovered).toBe(true);
    const figures = engine.figures();
    expect(figures).toMatchObject({
      'tasks.sigkilled': 1,
      'tasks.running.min': 1,
      'alb.healthyHosts.min': 1,
      'alb.5xx': 0,
      'replacement.launchSeconds': 20,
      'replacement.healthySeconds': 70,
      'fault.targets': 1,
    });
    expect(figures['recovery.seconds']).toBe(300);
    expect(mocks.cloudwatch.commandCalls(GetMetricDataCommand)).toHaveLength(1);
  });

  it('fails to recover within the bound while running stays below desired', async () => {
    const { mocks, engine } = setup();
    mocks.fis.on(Fis.Get).resolves({ experiment: experiment('completed') });
    mocks.ecs.on(DescribeServicesCommand).resolves({ services: [{ ...STEADY_SERVICE.services[0], runningCount: 1 }] });
    await engine.inject(drill);
    const { recovered } = await engine.awaitRecovery(50);
    expect(recovered).toBe(false);
    expect(engine.figures()['recovery.seconds']).toBeUndefined();
  });
});

describe('FisEngine closing while StartExperiment is in flight', () => {
  it('stops the experiment that StartExperiment started after close was called', async () => {
    const { mocks, engine } = setup();
    let answer: (v: unknown) => void = () => undefined;
    mocks.fis.on(Fis.Start).callsFake(() => new Promise((resolve) => (answer = resolve)));
    mocks.fis.on(Fis.Stop).resolves({ experiment: experiment('stopping', 'stopping') });
    mocks.fis.on(Fis.Get).resolves({ experiment: experiment('stopped', 'stopped') });
    const injecting = engine.inject(drill);
    await new Promise((r) => setTimeout(r, 10));
    const closing = engine.close();
    answer({ experiment: experiment('initiating', 'pending') });
    await closing;
    expect(mocks.fis.commandCalls(Fis.Stop)).toHaveLength(1);
    expect((await injecting).aborted).toMatch(/runner closing/);
  });
});

describe('FisEngine on an az-outage (subnets and tasks resolved)', () => {
  it('asks ECS only about the resolved tasks, and counts every target', async () => {
    const { mocks, engine } = setup();
    mocks.fis.on(Fis.Get).resolves({ experiment: experiment('completed') });
    mocks.fis.on(Fis.Resolved).resolves({
      resolvedTargets: [
        { resourceType: 'aws:ec2:subnet', targetName: 'zoneSubnets', targetInformation: { arn: 'arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-0aa' } },
        { resourceType: 'aws:ecs:task', targetName: 'zoneTasks', targetInformation: { arn: TASK_ARN } },
      ],
    });
    await engine.inject(drill);
    await engine.awaitRecovery(1000);
    expect(mocks.ecs.commandCalls(DescribeTasksCommand).every((c) => JSON.stringify(c.args[0].input.tasks) === JSON.stringify(['0123456789abcdef']))).toBe(true);
    expect(engine.figures()['fault.targets']).toBe(2);
  });
});

/**
 * The FIS engine over the strict fake AWS built from the synthesized app: real SDK clients, the
 * app's own templates, cluster, service and alarms under their generated names. Each test says
 * how FIS behaves (the fake's scenario) and checks what the engine concludes from it.
 */
import { DRILL_TAG, OPERATOR_TAG, RUN_ID_TAG } from '../../../lib/contract';
import type { TimelineEntry } from '../../../lib/runner/samples';
import { engineOnFake, FAKE_OPERATOR as OPERATOR, stopAlarmNames, type EngineOnFakeOptions } from '../../fixtures/fake-aws/engine-on-fake';
import type { FakeScenario } from '../../fixtures/fake-aws/fake-aws-state';
import { useFakeAws, type SetupOptions } from '../../fixtures/fake-aws/fake-aws-setup';

/** An experiment that initiates for 0.1 s and runs its fault for 0.3 s. */
const QUICK: Partial<FakeScenario> = { initiatingMs: 100, runningMs: 300, stoppingMs: 100, faultMs: 300 };
const setupFake = useFakeAws();

/** Starts the fake with `scenario` and an engine on the drill's template in it. */
async function engineFor(scenario: Partial<FakeScenario> = {}, options: EngineOnFakeOptions & Omit<SetupOptions, 'scenario'> = {}) {
  const s = await setupFake({ ...options, scenario: { ...QUICK, ...scenario } });
  return { fake: s.fake, ...(await engineOnFake(s, options)) };
}

const experimentStates = (timeline: TimelineEntry[]) => timeline.filter((e) => e.kind === 'experiment-state').map((e) => e.detail);

describe('FisEngine', () => {
  it('starts the template with the run id as client token and tags drill, run id and operator', async () => {
    const { fake, engine, template, drill } = await engineFor();
    await engine.inject(drill);
    expect(fake.state.callsTo('StartExperiment').map((c) => c.input)).toEqual([
      { experimentTemplateId: template.id, clientToken: 'run-1', tags: { [DRILL_TAG]: 'task-stop-drain', [RUN_ID_TAG]: 'run-1', [OPERATOR_TAG]: OPERATOR } },
    ]);
  });

  it('reports the fault injected on the resolved task when the experiment completes', async () => {
    const { fake, engine, timeline, taskIds, drill } = await engineFor();
    const injection = await engine.inject(drill);
    const id = fake.state.experiments[0].id;
    expect(taskIds).toHaveLength(1);
    expect(injection).toEqual({ injected: true, targets: taskIds });
    expect(experimentStates(timeline)).toEqual([`experiment ${id} initiating`, `experiment ${id} running`, `experiment ${id} completed: Experiment completed.`]);
    expect(engine.experimentId).toBe(id);
  });

  it('fails as ABORTED naming the alarm in ALARM when a stop condition stops the experiment', async () => {
    const { fake, engine, alarmNames, drill } = await engineFor({ endsAs: 'stopped', alarmStatesDuringFault: { [stopAlarmNames('task-stop-drain')[0]]: 'ALARM' } });
    expect(alarmNames.length).toBeGreaterThan(1);
    const injection = await engine.inject(drill);
    // Only the alarm in ALARM is named, though DescribeAlarms asked about every stop condition.
    expect(injection.aborted).toBe(`stop condition tripped — alarm(s) in ALARM: ${alarmNames[0]} (FIS: Experiment stopped by stop condition.)`);
    expect(fake.state.callsTo('DescribeAlarms').map((c) => (c.input as { AlarmNames: string[] }).AlarmNames)).toEqual([alarmNames]);
    expect(fake.state.callsTo('StopExperiment')).toHaveLength(0);
  });

  it("fails as ERROR with FIS's error when the experiment fails", async () => {
    const { fake, engine, faultAction, drill } = await engineFor({ endsAs: 'failed' });
    const injection = await engine.inject(drill);
    expect(injection.error).toBe(`FIS experiment ${fake.state.experiments[0].id} failed: Experiment failed. [ConfigurationFailure at action ${faultAction}]`);
    expect(injection.aborted).toBeUndefined();
  });

  it('fails as ABORTED when a safety lever cancels the experiment', async () => {
    const { engine, drill } = await engineFor({ endsAs: 'cancelled' });
    const injection = await engine.inject(drill);
    expect(injection.aborted).toBe('cancelled by FIS: a safety lever is engaged');
    expect(injection.injected).toBe(false);
  });

  it('fails as NOT_INJECTED when FIS resolved zero targets (the template names another service)', async () => {
    const { fake, engine, drill } = await engineFor(
      {},
      {
        amend: (d) => ({
          ...d,
          templates: d.templates.map((t) => ({
            ...t,
            targets: Object.fromEntries(Object.entries(t.targets).map(([k, v]) => [k, { ...v, Parameters: { ...v.Parameters, service: 'some-other-service' } }])),
          })),
        }),
      },
    );
    const injection = await engine.inject(drill);
    expect(injection).toEqual({ injected: false, targets: [], reason: 'FIS resolved zero targets' });
    expect(fake.state.callsTo('ListExperimentResolvedTargets')).toHaveLength(1);
  });

  it('fails as NOT_INJECTED naming the action when FIS skipped it', async () => {
    const { engine, faultAction, drill } = await engineFor({ endsAs: 'skipped' });
    const injection = await engine.inject(drill);
    expect(injection.injected).toBe(false);
    expect(injection.reason).toBe(`FIS skipped action(s) ${faultAction}`);
  });

  it('fails as ERROR without watching when StartExperiment is refused', async () => {
    const { fake, engine, template, drill } = await engineFor({ deny: ['StartExperiment'] });
    const injection = await engine.inject(drill);
    expect(injection.error).toMatch(new RegExp(`^StartExperiment on template ${template.id} failed: AccessDeniedException: .*not authorized to perform: StartExperiment`));
    expect(injection.injected).toBe(false);
    expect(fake.state.callsTo('GetExperiment')).toHaveLength(0);
    expect(fake.state.experiments).toHaveLength(0);
  });

  it('stops the experiment and waits for stopped when the run is aborted (Ctrl-C) while the fault runs', async () => {
    const controller = new AbortController();
    const { fake, engine, drill } = await engineFor(
      { runningMs: 60_000, stoppingMs: 200 },
      { signal: controller.signal, onEvent: (e) => e.kind === 'experiment-state' && e.detail?.endsWith(' running') && controller.abort('SIGINT') },
    );
    const injection = await engine.inject(drill);
    const id = fake.state.experiments[0].id;
    expect(fake.state.callsTo('StopExperiment').map((c) => c.input)).toEqual([{ id }]);
    expect(injection.aborted).toBe('stopped by the operator (SIGINT) with StopExperiment (FIS: Experiment stopped.)');
    expect(injection.injected).toBe(true);
    expect(engine.lastExperiment?.status).toBe('stopped');
    await engine.close();
    expect(fake.state.callsTo('StopExperiment')).toHaveLength(1);
  });

  it('close stops an experiment that still runs and waits until FIS says stopped, once however often it is called', async () => {
    const { fake, engine, drill } = await engineFor(
      { runningMs: 60_000, stoppingMs: 200 },
      { onEvent: (e, self) => e.kind === 'experiment-state' && e.detail?.endsWith(' running') && void self.close() },
    );
    const injection = await engine.inject(drill);
    await engine.close();
    await engine.close();
    expect(injection.aborted).toMatch(/^stopped by the operator \(runner closing\) with StopExperiment/);
    expect(fake.state.callsTo('StopExperiment')).toHaveLength(1);
    expect(engine.lastExperiment?.status).toBe('stopped');
    expect(fake.state.statusOf(fake.state.experiments[0]).status).toBe('stopped');
  });

  it('does not start anything once stopped before injecting', async () => {
    const controller = new AbortController();
    const { fake, engine, drill } = await engineFor({}, { signal: controller.signal });
    controller.abort('SIGTERM');
    const injection = await engine.inject(drill);
    expect(injection).toEqual({ injected: false, targets: [], aborted: 'stopped by the operator (SIGTERM) before the experiment started' });
    expect(fake.state.callsTo('StartExperiment')).toHaveLength(0);
  });

  it('measures recovery, SIGKILLed tasks, the replacement and the load balancer after the fault', async () => {
    const { fake, engine, drill } = await engineFor({
      targetExitCode: 137,
      runningDuringFault: 1,
      faultMs: 1500,
      datapoints: { RequestCount: [100], HealthyHostCount: [2, 1, 2], RunningTaskCount: [2, 1, 2] },
    });
    await engine.inject(drill);
    const { recovered } = await engine.awaitRecovery(10_000);
    expect(recovered).toBe(true);
    const figures = engine.figures();
    expect(figures).toMatchObject({ 'tasks.sigkilled': 1, 'tasks.running.min': 1, 'alb.healthyHosts.min': 1, 'alb.5xx': 0, 'fault.targets': 1 });
    // The task FIS stopped is not one a health check replaced.
    expect(figures['tasks.replaced']).toBe(0);
    // The fake's service events: the replacement starts 0.9 s and registers 1.4 s after the fault (0.1 s after the experiment's start).
    expect(figures['replacement.launchSeconds']).toBe(1);
    expect(figures['replacement.healthySeconds']).toBe(1.5);
    // Running is back to desired once the fault (1.5 s from 0.1 s) is over; polled every 20 ms.
    expect(figures['recovery.seconds']).toBeGreaterThanOrEqual(1.6);
    expect(figures['recovery.seconds']).toBeLessThan(5);
    expect(fake.state.callsTo('GetMetricData').length).toBeGreaterThan(0);
  });

  it('fails to recover within the bound while running stays below desired', async () => {
    const { engine, drill } = await engineFor({ runningDuringFault: 1, faultMs: 60_000 });
    await engine.inject(drill);
    const { recovered } = await engine.awaitRecovery(300);
    expect(recovered).toBe(false);
    expect(engine.figures()['recovery.seconds']).toBeUndefined();
    expect(engine.figures()['tasks.running.min']).toBe(1);
  });
});

describe('FisEngine closing while StartExperiment is in flight', () => {
  it('stops the experiment that StartExperiment started after close was called', async () => {
    const { fake, engine, drill } = await engineFor({ startDelayMs: 300, runningMs: 60_000 });
    const injecting = engine.inject(drill);
    expect(fake.state.experiments).toHaveLength(0);
    await engine.close();
    expect(fake.state.experiments).toHaveLength(1);
    expect(fake.state.callsTo('StopExperiment').map((c) => c.input)).toEqual([{ id: fake.state.experiments[0].id }]);
    expect((await injecting).aborted).toMatch(/^stopped by the operator \(runner closing\)/);
  });
});

describe('FisEngine on an az-outage (subnets and tasks resolved)', () => {
  it('asks ECS only about the resolved tasks, and counts every target', async () => {
    const { fake, engine, drill, taskIds } = await engineFor({ runningDuringFault: 1 }, { drillId: 'az-outage' });
    await engine.inject(drill);
    await engine.awaitRecovery(1000);
    const asked = fake.state.callsTo('DescribeTasks').map((c) => (c.input as { tasks: string[] }).tasks);
    expect(taskIds.length).toBeGreaterThan(0);
    expect(taskIds.length).toBeLessThan(fake.state.tasks.length);
    expect(asked.length).toBeGreaterThan(0);
    for (const tasks of asked) expect(tasks).toEqual(taskIds);
    expect(engine.figures()['fault.targets']).toBe(taskIds.length + 1);
  });
});

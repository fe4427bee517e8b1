/**
 * The FIS engine over the strict fake AWS where AWS answers badly or late: a refused call, an
 * operator stop while StartExperiment is in flight, AZ rebalancing after a zone drill, a post-check
 * that fails with every alarm back to OK. Each test names what the engine concludes and reports.
 */
import type { TimelineEntry } from '../../../lib/runner/samples';
import { engineOnFake, stopAlarmNames, type EngineOnFakeOptions } from '../../fixtures/fake-aws/engine-on-fake';
import type { FakeScenario } from '../../fixtures/fake-aws/fake-aws-state';
import { useFakeAws, type SetupOptions } from '../../fixtures/fake-aws/fake-aws-setup';

const QUICK: Partial<FakeScenario> = { initiatingMs: 100, runningMs: 300, stoppingMs: 100, faultMs: 300 };
const setupFake = useFakeAws();

async function engineFor(scenario: Partial<FakeScenario> = {}, options: EngineOnFakeOptions & Omit<SetupOptions, 'scenario'> = {}) {
  const s = await setupFake({ ...options, scenario: { ...QUICK, ...scenario } });
  return { fake: s.fake, deployed: await s.deployed(), ...(await engineOnFake(s, options)) };
}

const notes = (timeline: TimelineEntry[]) => timeline.filter((e) => e.kind === 'note').map((e) => e.detail ?? '');
const details = (timeline: TimelineEntry[], kind: TimelineEntry['kind']) => timeline.filter((e) => e.kind === kind).map((e) => e.detail ?? '');

describe('FisEngine before and while starting', () => {
  it("starts by giving the deployment's service URL, calling nothing", async () => {
    const { fake, engine, deployed } = await engineFor();
    expect(await engine.start()).toEqual({ serviceUrl: deployed.serviceUrl });
    expect(fake.state.callsTo('StartExperiment')).toHaveLength(0);
  });

  it('knows no experiment, no measurable figure and no reading before injecting', async () => {
    const { engine } = await engineFor();
    expect(engine.experimentId).toBeUndefined();
    expect(engine.lastExperiment).toBeUndefined();
    expect(engine.measurable).toEqual([]);
    expect(engine.metricReadings()).toEqual([]);
    expect(engine.figures()).toEqual({});
  });

  it('fails as ERROR on no target when StartExperiment is refused, and measures nothing', async () => {
    const { engine, drill, template } = await engineFor({ deny: ['StartExperiment'] });
    expect(await engine.inject(drill)).toEqual({ injected: false, targets: [], error: expect.stringMatching(new RegExp(`^StartExperiment on template ${template.id} failed: AccessDeniedException`)) });
    expect(engine.figures()).toEqual({});
  });

  it('stops the experiment StartExperiment answers after Ctrl-C came while it was in flight', async () => {
    const controller = new AbortController();
    const { fake, engine, drill } = await engineFor({ startDelayMs: 300, runningMs: 60_000 }, { signal: controller.signal });
    const injecting = engine.inject(drill);
    controller.abort('SIGINT');
    const injection = await injecting;
    expect(fake.state.callsTo('StopExperiment').map((c) => c.input)).toEqual([{ id: fake.state.experiments[0].id }]);
    expect(injection.aborted).toMatch(/^stopped by the operator \(SIGINT\) with StopExperiment/);
  });

  it("names the operator's stop by the message of an Error given as the abort's reason", async () => {
    const controller = new AbortController();
    const { engine, drill } = await engineFor({}, { signal: controller.signal });
    controller.abort(new Error('SIGTERM from systemd'));
    expect((await engine.inject(drill)).aborted).toBe('stopped by the operator (SIGTERM from systemd) before the experiment started');
  });

  it("names the operator's stop 'interrupted' when the abort's reason says nothing", async () => {
    const controller = new AbortController();
    const { engine, drill } = await engineFor({}, { signal: controller.signal });
    controller.abort(15);
    expect((await engine.inject(drill)).aborted).toBe('stopped by the operator (interrupted) before the experiment started');
  });
});

describe('FisEngine while the fault runs', () => {
  it('notes the experiment it started, and samples ECS every poll only until the fault is over', async () => {
    const { fake, engine, drill, template, timeline } = await engineFor({ runningDuringFault: 1, runningMs: 1000 });
    await engine.inject(drill);
    expect(notes(timeline)).toContain(`FIS experiment ${fake.state.experiments[0].id} started from template ${template.id}`);
    const sampled = fake.state.callsTo('DescribeServices').length;
    expect(sampled).toBeGreaterThan(0);
    // The sampler polls every 20 ms while it runs: half a second shows it stopped.
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.state.callsTo('DescribeServices')).toHaveLength(sampled);
    await engine.awaitRecovery(10_000);
    expect(notes(timeline)).toContainEqual(expect.stringMatching(/^tasks\.running\.min from .*every 0\.02 s/));
  });

  it('reads no alarm for an experiment that failed', async () => {
    const { fake, engine, drill } = await engineFor({ endsAs: 'failed' });
    await engine.inject(drill);
    expect(fake.state.callsTo('DescribeAlarms')).toHaveLength(0);
  });

  it('reads no alarm for an experiment a safety lever cancelled', async () => {
    const { fake, engine, drill } = await engineFor({ endsAs: 'cancelled' });
    await engine.inject(drill);
    expect(fake.state.callsTo('DescribeAlarms')).toHaveLength(0);
  });
});

describe('FisEngine reports the outcome on the timeline as it returns it', () => {
  it('names the targets of an injected fault, and nothing not injected', async () => {
    const { engine, drill, timeline, taskIds } = await engineFor();
    await engine.inject(drill);
    expect(details(timeline, 'fault-injected')).toEqual([`targets: ${taskIds.join(', ')}`]);
    expect(details(timeline, 'fault-not-injected')).toEqual([]);
    expect(details(timeline, 'aborted')).toEqual([]);
  });

  it('names the alarm in ALARM and the abort when a stop condition stopped the experiment', async () => {
    const [alarm] = stopAlarmNames('task-stop-drain');
    const { engine, drill, timeline } = await engineFor({ endsAs: 'stopped', alarmStatesDuringFault: { [alarm]: 'ALARM' } });
    const injection = await engine.inject(drill);
    expect(details(timeline, 'stop-condition')).toEqual([`alarm(s) in ALARM: ${alarm}`]);
    expect(details(timeline, 'aborted')).toEqual([injection.aborted]);
    expect(details(timeline, 'fault-injected')).toEqual([]);
  });

  it("gives FIS's reason as why nothing was injected when it skipped the fault", async () => {
    const skipped = await engineFor({ endsAs: 'skipped' });
    const notInjected = await skipped.engine.inject(skipped.drill);
    expect(details(skipped.timeline, 'fault-not-injected')).toEqual([notInjected.reason]);
    expect(details(skipped.timeline, 'stop-condition')).toEqual([]);
  });

  it('gives the error as why nothing was injected when the experiment failed', async () => {
    const { engine, drill, timeline } = await engineFor({ endsAs: 'failed' });
    const injection = await engine.inject(drill);
    expect(injection.error).toMatch(/^FIS experiment \S+ failed: Experiment failed\./);
    expect(details(timeline, 'fault-not-injected')).toEqual([injection.error]);
  });
});

describe('FisEngine when AWS refuses a call', () => {
  it('fails as ERROR, having stopped it, when GetExperiment fails five times in a row', async () => {
    const lines: string[] = [];
    const { fake, engine, drill } = await engineFor({ runningMs: 60_000, deny: ['GetExperiment'] }, { stopWaitMs: 300, log: (l) => lines.push(l) });
    const injection = await engine.inject(drill);
    const id = fake.state.experiments[0].id;
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^experiment ${id} \\w+ \\(gave up waiting for a final state; check the FIS console\\)$`)));
    expect(injection.error).toMatch(new RegExp(`^FIS experiment ${id} failed: the runner lost track of it: AccessDeniedException`));
    expect(fake.state.callsTo('StopExperiment')).toHaveLength(1);
    expect(fake.state.callsTo('GetExperiment').length).toBeGreaterThanOrEqual(5);
  });

  it('notes a refused ListExperimentResolvedTargets and still judges the fault injected, on targets it cannot name', async () => {
    const { engine, drill, timeline } = await engineFor({ deny: ['ListExperimentResolvedTargets'] });
    const injection = await engine.inject(drill);
    expect(injection).toEqual({ injected: true, targets: [] });
    expect(notes(timeline)).toContainEqual(expect.stringMatching(/^ListExperimentResolvedTargets failed: AccessDeniedException/));
    expect(details(timeline, 'fault-injected')).toEqual(['targets: unknown']);
  });

  it('notes unreadable stop-condition alarms when a stop condition stopped the experiment, and names none', async () => {
    const { engine, drill, timeline } = await engineFor({ endsAs: 'stopped', deny: ['DescribeAlarms'] });
    const injection = await engine.inject(drill);
    expect(injection.aborted).toBe('stop condition tripped — no stop-condition alarm was in ALARM when checked (FIS: Experiment stopped by stop condition.)');
    expect(notes(timeline)).toContainEqual(expect.stringMatching(/^could not read the stop-condition alarms: AccessDeniedException/));
  });

  it('waits out a refused StopExperiment until FIS ends the experiment on its own, saying so', async () => {
    const controller = new AbortController();
    const lines: string[] = [];
    const { fake, engine, drill, timeline } = await engineFor(
      { runningMs: 1500, deny: ['StopExperiment'] },
      { signal: controller.signal, log: (l) => lines.push(l), onEvent: (e) => e.kind === 'experiment-state' && e.detail?.endsWith(' running') && controller.abort('SIGINT') },
    );
    const injection = await engine.inject(drill);
    const id = fake.state.experiments[0].id;
    expect(details(timeline, 'aborted')[0]).toMatch(new RegExp(`^StopExperiment ${id} refused: AccessDeniedException.* \\(SIGINT\\)$`));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^stopping experiment ${id} \\(SIGINT\\) …$`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^StopExperiment ${id} was refused \\(.*\\); waiting for it to end on its own — \`drills stop ${id}\``)));
    expect(lines).toContain(`experiment ${id} completed`);
    expect(engine.lastExperiment?.status).toBe('completed');
    expect(injection.injected).toBe(true);
  });

  it('notes a failed ECS poll during recovery and does not count the service recovered', async () => {
    const { engine, drill, timeline } = await engineFor({ deny: ['DescribeServices'] });
    await engine.inject(drill);
    expect(await engine.awaitRecovery(200)).toEqual({ recovered: false });
    expect(notes(timeline)).toContainEqual(expect.stringMatching(/^ECS poll failed: AccessDeniedException/));
    expect(notes(timeline)).toContainEqual(expect.stringMatching(/^ECS DescribeServices during the fault failed: AccessDeniedException/));
    expect(engine.figures()['recovery.seconds']).toBeUndefined();
  });
});

describe('FisEngine after a zone drill on a service with AZ rebalancing ENABLED', () => {
  it('counts recovery once ECS completed its rebalancing, not when running first equals desired', async () => {
    const { fake, engine, drill, timeline } = await engineFor({ runningDuringFault: 1, rebalanceMs: 600 }, { drillId: 'az-outage' });
    expect(fake.deployment.service.azRebalancing).toBe('ENABLED');
    await engine.inject(drill);
    expect(await engine.awaitRecovery(15_000)).toEqual({ recovered: true });
    // The first 'steady' is the engine's; the service events gathered after it follow.
    expect(details(timeline, 'steady')[0]).toMatch(/^running \d+\/\d+, one completed deployment; AZ rebalancing completed at \d{4}-\d\d-\d\dT/);
    // The fake completes the rebalancing 1.8 s + 0.6 s after the fault starts.
    expect(engine.figures()['recovery.seconds']).toBeGreaterThanOrEqual(2.4);
  });

  it('counts recovery after the settle time when ECS started no rebalancing, having said it waits', async () => {
    const { engine, drill, timeline } = await engineFor({ runningDuringFault: 1 }, { drillId: 'az-outage', rebalanceSettleMs: 400 });
    await engine.inject(drill);
    expect(await engine.awaitRecovery(15_000)).toEqual({ recovered: true });
    expect(notes(timeline)).toContain('AZ rebalancing is ENABLED: waiting up to 0.4 s for ECS to start one after a zone drill');
    expect(details(timeline, 'steady')[0]).toMatch(/; AZ rebalancing is ENABLED; ECS started none within 0.4 s of steady$/);
  });

  it('fails to recover within the bound while ECS has not started a rebalancing, before the settle time', async () => {
    const { engine, drill } = await engineFor({ runningDuringFault: 1 }, { drillId: 'az-outage' });
    await engine.inject(drill);
    expect(await engine.awaitRecovery(1000)).toEqual({ recovered: false });
  });
});

describe("FisEngine on FIS's check after the recovery window", () => {
  it('names no alarm when the post-check failed but every alarm was OK again when read, quoting FIS', async () => {
    const { engine, drill, timeline } = await engineFor({ recoveryWaitMs: 500, postCheck: 'fails' });
    await engine.inject(drill);
    await engine.awaitRecovery(10_000);
    expect(engine.figures()['alarms.notOkAfterRecovery']).toBe(0);
    expect(details(timeline, 'stop-condition')).toEqual([
      expect.stringMatching(/^FIS's check after the recovery window failed: none still not OK when the runner read them \(FIS: Alarm .+ is in state ALARM\.\)$/),
    ]);
  });
});

describe('FisEngine figures and readings', () => {
  it('measures no dependency figure on a drill without a database, and reads what ECS said in time order', async () => {
    const { engine, drill } = await engineFor({ runningDuringFault: 1 });
    expect(engine.unmeasuredReasons()).toEqual({});
    await engine.inject(drill);
    await engine.awaitRecovery(10_000);
    expect(engine.measurable).toEqual([]);
    expect(engine.dependencyBackAt()).toBeUndefined();
    const at = engine.metricReadings().map((r) => r.at.getTime());
    expect(at.length).toBeGreaterThan(1);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });
});

/**
 * A template that guards itself (lib/fis/alarm-checks.ts) against the runner's FIS engine, over
 * the strict fake AWS whose experiments carry the synthesized template's own actions (the check
 * before the fault, the fault, the recovery wait, the check after it): a failed pre-check is
 * NOT_INJECTED naming the alarm, never HELD and never ERROR; the fault is judged as soon as it is
 * over (FIS's recovery wait is not counted as recovery); the post-check's finding is a figure.
 */
import { POST_CHECK_ACTION, PRE_CHECK_ACTION, RECOVERY_WAIT_ACTION } from '../../../lib/fis/alarm-checks';
import { judge } from '../../../lib/runner/judge';
import { engineOnFake, stopAlarmNames } from '../../fixtures/fake-aws/engine-on-fake';
import type { FakeScenario } from '../../fixtures/fake-aws/fake-aws-state';
import { useFakeAws } from '../../fixtures/fake-aws/fake-aws-setup';

const setupFake = useFakeAws();
const QUICK: Partial<FakeScenario> = { initiatingMs: 100, runningMs: 300, stoppingMs: 100, faultMs: 300 };
const [ALARM] = stopAlarmNames('task-stop-drain');

async function engineFor(scenario: Partial<FakeScenario>) {
  const s = await setupFake({ scenario: { ...QUICK, ...scenario } });
  return { fake: s.fake, ...(await engineOnFake(s)) };
}

describe('FisEngine with a template that checks its own alarms', () => {
  it('runs on a template whose actions are the check before, the fault, the recovery wait and the check after', async () => {
    const { template, faultAction } = await engineFor({});
    expect(template.actions.map((a) => a.name)).toEqual(expect.arrayContaining([PRE_CHECK_ACTION, faultAction, RECOVERY_WAIT_ACTION, POST_CHECK_ACTION]));
    expect(template.actions.find((a) => a.name === faultAction)?.startAfter).toEqual([PRE_CHECK_ACTION]);
  });

  it("fails as NOT_INJECTED naming the alarm when FIS's check before the fault fails, and injects nothing", async () => {
    const { fake, engine, drill } = await engineFor({ preCheck: 'fails', alarmStates: { [ALARM]: 'ALARM' } });
    const injection = await engine.inject(drill);
    expect(injection.injected).toBe(false);
    expect(injection.error).toBeUndefined();
    expect(injection.aborted).toBeUndefined();
    expect(injection.targets).toEqual([]);
    expect(injection.reason).toMatch(new RegExp(`^FIS's check before the fault \\(${PRE_CHECK_ACTION}\\) found alarm\\(s\\) not OK: ${ALARM} \\(ALARM\\); nothing was injected`));
    expect(judge({}, drill.expect, 'aws', { injection, expectedStreams: 0, expectedRequests: false }).verdict).toBe('NOT_INJECTED');
    expect(fake.state.runningNow()).toBe(fake.deployment.service.desiredCount);
  });

  it('fails as NOT_INJECTED, not ABORTED, when a stop condition stopped the experiment before its check passed', async () => {
    const { engine, drill } = await engineFor({ preCheck: 'stopped', alarmStates: { [ALARM]: 'ALARM' } });
    const injection = await engine.inject(drill);
    expect(injection).toMatchObject({ injected: false, targets: [] });
    expect(injection.aborted).toBeUndefined();
    expect(injection.reason).toMatch(new RegExp(`^a stop-condition alarm was in ALARM before the fault \\(${ALARM}\\); FIS stopped the experiment before injecting anything`));
  });

  it('reports the fault injected as soon as it is over, while FIS still waits out the recovery window', async () => {
    const { fake, engine, drill, taskIds } = await engineFor({ recoveryWaitMs: 60_000 });
    const injection = await engine.inject(drill);
    expect(injection).toEqual({ injected: true, targets: taskIds });
    expect(engine.lastExperiment?.status).toBe('running');
    expect(engine.lastExperiment?.actions.find((a) => a.name === RECOVERY_WAIT_ACTION)?.status).toBe('running');
    await engine.close();
    expect(fake.state.callsTo('StopExperiment')).toHaveLength(1);
  });

  it("measures recovery when ECS is back, not when FIS's wait ends, and reports a passed post-check as 0 alarms not OK", async () => {
    const { fake, engine, drill, timeline } = await engineFor({ recoveryWaitMs: 3000 });
    await engine.inject(drill);
    const { recovered } = await engine.awaitRecovery(10_000);
    expect(recovered).toBe(true);
    // The fault is over 0.4 s after the start and its task stopped at 0.6 s; FIS's wait ends at 3.4 s.
    expect(engine.figures()['recovery.seconds']).toBeGreaterThanOrEqual(0.4);
    expect(engine.figures()['recovery.seconds']).toBeLessThan(3);
    expect(engine.figures()['alarms.notOkAfterRecovery']).toBe(0);
    expect(engine.lastExperiment?.status).toBe('completed');
    expect(timeline.map((e) => e.detail)).toContain("FIS's check after the recovery window: every stop-condition alarm OK");
    await engine.close();
    expect(fake.state.callsTo('StopExperiment')).toHaveLength(0);
  });

  it('fails the post-check with the alarm named in the timeline and counted in a figure, the fault still counted as injected', async () => {
    const { engine, drill, timeline } = await engineFor({ recoveryWaitMs: 500, postCheck: 'fails', alarmStatesDuringFault: { [ALARM]: 'ALARM' } });
    const injection = await engine.inject(drill);
    expect(injection.injected).toBe(true);
    await engine.awaitRecovery(10_000);
    expect(engine.figures()['alarms.notOkAfterRecovery']).toBe(1);
    expect(timeline.find((e) => e.kind === 'stop-condition')?.detail).toMatch(new RegExp(`check after the recovery window failed: ${ALARM} \\(ALARM\\)`));
  });
});

/**
 * A template that guards itself (lib/fis/alarm-checks.ts) against the runner's FIS engine: a failed
 * pre-check is NOT_INJECTED naming the alarm, never HELD and never ERROR; the fault is judged as soon
 * as it is over (FIS's recovery wait is not counted as recovery); the post-check's finding is a figure.
 */
import { DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeServicesCommand, DescribeTasksCommand } from '@aws-sdk/client-ecs';
import type { Experiment } from '@aws-sdk/client-fis';
import { findDrill } from '../../../experiments';
import { POST_CHECK_ACTION, PRE_CHECK_ACTION, RECOVERY_WAIT_ACTION } from '../../../lib/fis/alarm-checks';
import { judge } from '../../../lib/runner/judge';
import { FisEngine } from '../../../lib/runner/aws/fis-engine';
import type { TimelineEntry } from '../../../lib/runner/samples';
import { deployed, mockedApis, RESOLVED, STEADY_SERVICE, TASK_ARN, TEMPLATE_ID, Fis } from './aws-mocks';

const drill = findDrill('task-stop-drain')!;
const FAST = { initialMs: 1, maxMs: 5, factor: 2 };
const started = new Date('2026-11-23T04:00:00Z');
const ALARM_ARN = 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:demo-healthy-hosts';

type Status = string;
function guarded(status: Status, pre: Status, fault: Status, wait: Status, post: Status, reason?: { pre?: string; post?: string }): Experiment {
  const action = (actionId: string, s: Status, why?: string) => ({ actionId, state: { status: s as never, reason: why }, ...(['pending', 'cancelled', 'skipped'].includes(s) ? {} : { startTime: started }) });
  return {
    id: 'EXP1',
    experimentTemplateId: TEMPLATE_ID,
    state: { status: status as never, reason: status === 'failed' ? 'Action failed' : undefined },
    startTime: started,
    actions: {
      [PRE_CHECK_ACTION]: action('aws:cloudwatch:assert-alarm-state', pre, reason?.pre),
      stopOneTask: action('aws:ecs:stop-task', fault),
      [RECOVERY_WAIT_ACTION]: action('aws:fis:wait', wait),
      [POST_CHECK_ACTION]: action('aws:cloudwatch:assert-alarm-state', post, reason?.post),
    },
  };
}

function setup() {
  const { mocks, apis } = mockedApis();
  const timeline: TimelineEntry[] = [];
  mocks.fis.on(Fis.Start).resolves({ experiment: guarded('initiating', 'pending', 'pending', 'pending', 'pending') });
  mocks.fis.on(Fis.Resolved).resolves(RESOLVED);
  mocks.fis.on(Fis.Template).resolves({ experimentTemplate: { id: TEMPLATE_ID, tags: {}, stopConditions: [{ source: 'aws:cloudwatch:alarm', value: ALARM_ARN }] } });
  mocks.ecs.on(DescribeServicesCommand).resolves(STEADY_SERVICE);
  mocks.ecs.on(DescribeTasksCommand).resolves({ tasks: [{ taskArn: TASK_ARN, lastStatus: 'STOPPED', containers: [{ name: 'app', exitCode: 0 }] }] });
  mocks.cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
  let clock = new Date('2026-11-23T04:00:30Z');
  const engine = new FisEngine({
    ...apis, deployed, templateId: TEMPLATE_ID, runId: 'run-1', operator: 'arn:aws:sts::1:assumed-role/oncall/alice',
    onEvent: (e) => timeline.push(e), poll: FAST, recoveryPollMs: 1, now: () => clock,
  });
  return { mocks, engine, timeline, setClock: (d: Date) => { clock = d; } };
}

describe('FisEngine with a template that checks its own alarms', () => {
  it('fails as NOT_INJECTED naming the alarm when FIS\'s check before the fault fails, and injects nothing', async () => {
    const { mocks, engine } = setup();
    mocks.fis.on(Fis.Get).resolves({ experiment: guarded('failed', 'failed', 'cancelled', 'cancelled', 'cancelled', { pre: 'Alarm demo-healthy-hosts is in state ALARM' }) });
    mocks.cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'demo-healthy-hosts', StateValue: 'ALARM' }] });
    const injection = await engine.inject(drill);
    expect(injection.injected).toBe(false);
    expect(injection.error).toBeUndefined();
    expect(injection.aborted).toBeUndefined();
    expect(injection.targets).toEqual([]);
    expect(injection.reason).toMatch(/check before the fault \(CheckAlarmsBeforeFault\) found alarm\(s\) not OK: demo-healthy-hosts \(ALARM\); nothing was injected/);
    expect(judge({}, drill.expect, 'aws', { injection, expectedStreams: 0, expectedRequests: false }).verdict).toBe('NOT_INJECTED');
  });

  it('fails as NOT_INJECTED, not ABORTED, when a stop condition stopped the experiment before its check passed', async () => {
    const { mocks, engine } = setup();
    mocks.fis.on(Fis.Get).resolves({ experiment: guarded('stopped', 'cancelled', 'cancelled', 'cancelled', 'cancelled') });
    mocks.cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'demo-healthy-hosts', StateValue: 'ALARM' }] });
    const injection = await engine.inject(drill);
    expect(injection).toMatchObject({ injected: false, targets: [] });
    expect(injection.aborted).toBeUndefined();
    expect(injection.reason).toMatch(/alarm was in ALARM before the fault \(demo-healthy-hosts\)/);
  });

  it('reports the fault injected as soon as it is over, while FIS still waits out the recovery window', async () => {
    const { mocks, engine } = setup();
    mocks.fis.on(Fis.Get)
      .resolvesOnce({ experiment: guarded('running', 'completed', 'running', 'running', 'pending') })
      .resolves({ experiment: guarded('running', 'completed', 'completed', 'running', 'pending') });
    const injection = await engine.inject(drill);
    expect(injection).toEqual({ injected: true, targets: ['0123456789abcdef'] });
    expect(engine.lastExperiment?.status).toBe('running');
  });

  it('measures recovery when ECS is back, not when FIS\'s wait ends, and reports a passed post-check as 0 alarms not OK', async () => {
    const { mocks, engine, setClock, timeline } = setup();
    mocks.fis.on(Fis.Get)
      .resolvesOnce({ experiment: guarded('running', 'completed', 'completed', 'running', 'pending') })
      .resolvesOnce({ experiment: guarded('running', 'completed', 'completed', 'running', 'pending') })
      .resolves({ experiment: guarded('completed', 'completed', 'completed', 'completed', 'completed') });
    await engine.inject(drill);
    const { recovered } = await engine.awaitRecovery(5000);
    setClock(new Date('2026-11-23T04:05:30Z'));
    expect(recovered).toBe(true);
    expect(engine.figures()['recovery.seconds']).toBe(30);
    expect(engine.figures()['alarms.notOkAfterRecovery']).toBe(0);
    expect(engine.lastExperiment?.status).toBe('completed');
    expect(timeline.map((e) => e.detail)).toContain('FIS\'s check after the recovery window: every stop-condition alarm OK');
    await engine.close();
    expect(mocks.fis.commandCalls(Fis.Stop)).toHaveLength(0);
  });

  it('fails the post-check with the alarm named in the timeline and counted in a figure, the fault still counted as injected', async () => {
    const { mocks, engine, timeline } = setup();
    mocks.fis.on(Fis.Get)
      .resolvesOnce({ experiment: guarded('running', 'completed', 'completed', 'running', 'pending') })
      .resolves({ experiment: guarded('failed', 'completed', 'completed', 'completed', 'failed', { post: 'Alarm demo-healthy-hosts is in state ALARM' }) });
    mocks.cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'demo-healthy-hosts', StateValue: 'ALARM' }] });
    const injection = await engine.inject(drill);
    expect(injection.injected).toBe(true);
    await engine.awaitRecovery(5000);
    expect(engine.figures()['alarms.notOkAfterRecovery']).toBe(1);
    expect(timeline.find((e) => e.kind === 'stop-condition')?.detail).toMatch(/check after the recovery window failed: demo-healthy-hosts \(ALARM\)/);
  });
});

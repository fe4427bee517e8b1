/**
 * What the runner concludes from FIS's view of an experiment (lib/runner/aws/experiment-state.ts),
 * on the cases a real run reaches rarely: a failure with or without FIS's error, an experiment
 * still running when the runner stopped watching, a stop by the operator, the live progress line
 * and the timeline entries a user reads.
 */
import type { ExperimentActionView, ExperimentView, ResolvedTargetView } from '../../../lib/runner/aws/fis-api';
import { alarmNameOf, faultDelivered, injectionOf, postCheckOf, progressEntries, experimentLine, targetIdsOf, taskTargetIdsOf } from '../../../lib/runner/aws/experiment-state';

const T0 = new Date('2026-11-23T04:00:00Z');
const fault = (status: string, started = true): ExperimentActionView => ({ name: 'StopOneTask', actionId: 'aws:ecs:stop-task', status, ...(started ? { startTime: T0 } : {}) });
const experiment = (status: ExperimentView['status'], actions: ExperimentActionView[], extra: Partial<ExperimentView> = {}): ExperimentView => ({ id: 'EXP1', status, actions, tags: {}, ...extra });
const task: ResolvedTargetView = { resourceType: 'aws:ecs:task', targetName: 'Tasks', information: { arn: 'arn:aws:ecs:eu-west-1:111122223333:task/cluster/abc123' } };
const subnet: ResolvedTargetView = { resourceType: 'aws:ec2:subnet', targetName: 'ZoneSubnets', information: { arn: 'arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-0aa' } };
const facts = (e: ExperimentView, more: Partial<Parameters<typeof injectionOf>[0]> = {}) => ({ experiment: e, resolvedTargets: [task], alarmsInAlarm: [], ...more });

describe('injectionOf', () => {
  it("fails as ERROR with FIS's reason, error code and location, a failed action counting as nothing delivered", () => {
    const e = experiment('failed', [fault('failed')], { reason: 'Target resolution failed', error: { code: 'AccessDenied', location: 'Tasks' } });
    expect(injectionOf(facts(e))).toEqual({ injected: false, targets: ['abc123'], error: 'FIS experiment EXP1 failed: Target resolution failed [AccessDenied at Tasks]' });
  });

  it('fails as ERROR saying FIS gave no reason, and that it resolved zero targets when it did', () => {
    const e = experiment('failed', [fault('failed', false)]);
    expect(injectionOf(facts(e, { resolvedTargets: [] }))).toEqual({ injected: false, targets: [], error: 'FIS experiment EXP1 failed: no reason given; FIS resolved zero targets' });
  });

  it('fails as ERROR when the experiment was still running as the runner stopped watching it', () => {
    const e = experiment('running', [fault('running')]);
    expect(injectionOf(facts(e))).toEqual({ injected: true, targets: ['abc123'], error: 'FIS experiment EXP1 is still running; the runner stopped watching it' });
  });

  it("fails as ABORTED by the operator's stop, with FIS's reason, counting what the fault reached", () => {
    const e = experiment('stopped', [fault('stopped')], { reason: 'Experiment stopped.' });
    expect(injectionOf(facts(e, { stoppedByUs: 'SIGINT' }))).toEqual({
      injected: true,
      targets: ['abc123'],
      aborted: 'stopped by the operator (SIGINT) with StopExperiment (FIS: Experiment stopped.)',
    });
  });

  it('fails as ABORTED by a stop condition saying no alarm was in ALARM when the runner read them', () => {
    const e = experiment('stopped', [fault('stopped')]);
    expect(injectionOf(facts(e)).aborted).toBe('stop condition tripped — no stop-condition alarm was in ALARM when checked');
  });

  it('counts nothing injected when the fault never started before a safety lever cancelled it', () => {
    const e = experiment('cancelled', [fault('cancelled', false)]);
    expect(injectionOf(facts(e))).toEqual({ injected: false, targets: ['abc123'], aborted: 'cancelled by FIS: a safety lever is engaged' });
  });

  it("fails as NOT_INJECTED naming each skipped action with FIS's reason", () => {
    const e = experiment('completed', [
      { ...fault('skipped', false), reason: 'no target found' },
      { name: 'Second', status: 'skipped' },
    ]);
    expect(injectionOf(facts(e)).reason).toBe('FIS skipped action(s) StopOneTask: no target found; Second');
  });

  it('holds the fault as injected when FIS could not list the resolved targets (unknown is not zero)', () => {
    const e = experiment('completed', [fault('completed')]);
    expect(injectionOf({ experiment: e, alarmsInAlarm: [] })).toEqual({ injected: true, targets: [] });
  });
});

describe('the resolved targets', () => {
  it('names each target by the last part of its ARN, once, and the tasks apart from the subnets', () => {
    expect(targetIdsOf([subnet, task, task])).toEqual(['subnet-0aa', 'abc123']);
    expect(taskTargetIdsOf([subnet, task])).toEqual(['abc123']);
    expect(taskTargetIdsOf(undefined)).toEqual([]);
  });

  it('uses the first value when FIS gives an id rather than an ARN', () => {
    expect(targetIdsOf([{ information: { id: 'i-0abc' } }, { information: {} }])).toEqual(['i-0abc']);
  });
});

describe('what the user reads while it runs', () => {
  it('adds a timeline entry for each change of the experiment and of each action, with reasons', () => {
    const before = experiment('running', [fault('running'), { name: 'Wait', actionId: 'aws:fis:wait', status: 'running' }]);
    const after = experiment(
      'stopped',
      [
        { ...fault('stopped'), reason: 'stop requested' },
        { name: 'Wait', actionId: 'aws:fis:wait', status: 'running' },
      ],
      { reason: 'Experiment stopped.' },
    );
    expect(progressEntries(before, after)).toEqual([
      { kind: 'experiment-state', detail: 'experiment EXP1 stopped: Experiment stopped.' },
      { kind: 'action-state', detail: 'action StopOneTask (aws:ecs:stop-task) stopped: stop requested' },
    ]);
    expect(progressEntries(after, after)).toEqual([]);
    expect(progressEntries(undefined, experiment('initiating', [{ name: 'X', status: 'pending' }]))).toEqual([
      { kind: 'experiment-state', detail: 'experiment EXP1 initiating' },
      { kind: 'action-state', detail: 'action X (?) pending' },
    ]);
  });

  it('shows each action with the seconds it has run, to its end or to now', () => {
    const now = new Date(T0.getTime() + 12_400);
    const e = experiment('running', [fault('running'), { name: 'Done', status: 'completed', startTime: T0, endTime: new Date(T0.getTime() + 3_000) }, { name: 'Later', status: 'pending' }]);
    expect(experimentLine(e, now)).toBe('experiment EXP1 running · StopOneTask running 12s · Done completed 3s · Later pending');
    expect(experimentLine(experiment('running', [{ name: 'Clock', status: 'running', startTime: new Date(now.getTime() + 5_000) }]), now)).toBe('experiment EXP1 running · Clock running 0s');
  });

  it('names an alarm by its ARN, and keeps a bare name as it is', () => {
    expect(alarmNameOf('arn:aws:cloudwatch:eu-west-1:111122223333:alarm:demo-error-rate')).toBe('demo-error-rate');
    expect(alarmNameOf('demo-error-rate')).toBe('demo-error-rate');
  });
});

describe('a template that checks its own alarms', () => {
  const pre = (status: string, reason?: string): ExperimentActionView => ({
    name: 'CheckAlarmsBeforeFault',
    actionId: 'aws:cloudwatch:assert-alarm-state',
    status,
    ...(reason ? { reason } : {}),
    ...(status === 'cancelled' ? {} : { startTime: T0 }),
  });
  const wait = (status: string): ExperimentActionView => ({ name: 'WaitRecoveryWindow', actionId: 'aws:fis:wait', status, startTime: T0 });
  const post = (status: string, reason?: string): ExperimentActionView => ({ name: 'CheckAlarmsAfterRecovery', actionId: 'aws:cloudwatch:assert-alarm-state', status, ...(reason ? { reason } : {}) });

  it('counts the fault delivered once its actions are over while FIS still waits out the window', () => {
    expect(faultDelivered(experiment('running', [pre('completed'), fault('completed'), wait('running'), post('pending')]))).toBe(true);
    expect(faultDelivered(experiment('running', [pre('completed'), fault('running'), wait('running'), post('pending')]))).toBe(false);
    expect(faultDelivered(experiment('running', [pre('running'), fault('pending', false), wait('pending'), post('pending')]))).toBe(false);
    expect(faultDelivered(experiment('completed', [pre('completed'), fault('completed'), wait('completed'), post('completed')]))).toBe(false);
    expect(faultDelivered(experiment('running', [pre('completed'), wait('running')]))).toBe(false);
  });

  it("reads the check after the window as passed, failed with FIS's reason, or not run", () => {
    expect(postCheckOf(experiment('completed', [post('completed')]))).toEqual({ status: 'passed' });
    expect(postCheckOf(experiment('failed', [post('failed', 'Alarm a is in state ALARM.')]))).toEqual({ status: 'failed', reason: 'Alarm a is in state ALARM.' });
    expect(postCheckOf(experiment('running', [post('pending')]))).toEqual({ status: 'not-run' });
    expect(postCheckOf(experiment('completed', [fault('completed')]))).toEqual({ status: 'not-run' });
  });

  it("fails as NOT_INJECTED when the check before the fault failed, naming the alarms not OK and FIS's reason", () => {
    const e = experiment('failed', [pre('failed', 'Alarm a is in state ALARM.'), fault('cancelled', false)], { reason: 'Action failed.' });
    expect(injectionOf(facts(e, { alarmsNotOk: ['a (ALARM)', 'b (INSUFFICIENT_DATA)'] }))).toEqual({
      injected: false,
      targets: [],
      reason: "FIS's check before the fault (CheckAlarmsBeforeFault) found alarm(s) not OK: a (ALARM), b (INSUFFICIENT_DATA); nothing was injected (FIS: Alarm a is in state ALARM.)",
    });
  });

  it('says so when no alarm was still not OK as the runner read them, and uses the experiment reason when the check gives none', () => {
    const e = experiment('failed', [pre('failed'), fault('cancelled', false)], { reason: 'Action failed.' });
    expect(injectionOf(facts(e)).reason).toBe(
      "FIS's check before the fault (CheckAlarmsBeforeFault) found alarm(s) not OK: none of the stop-condition alarms was still not OK when the runner read them; nothing was injected (FIS: Action failed.)",
    );
  });

  it('fails as NOT_INJECTED, not ABORTED, when a stop condition stopped it before the check passed and nothing started', () => {
    const e = experiment('stopped', [pre('cancelled'), fault('cancelled', false)]);
    expect(injectionOf(facts(e, { alarmsInAlarm: ['a'] })).reason).toBe('a stop-condition alarm was in ALARM before the fault (a); FIS stopped the experiment before injecting anything');
    expect(injectionOf(facts(e, { alarmsNotOk: ['b (ALARM)'] })).reason).toBe('a stop-condition alarm was in ALARM before the fault (b (ALARM)); FIS stopped the experiment before injecting anything');
  });

  it('fails as ABORTED when a stop condition stopped it after the fault started, even with the check passed', () => {
    const e = experiment('stopped', [pre('completed'), fault('stopped'), wait('stopped'), post('cancelled')]);
    expect(injectionOf(facts(e, { alarmsInAlarm: ['a'] }))).toMatchObject({ injected: true, aborted: 'stop condition tripped — alarm(s) in ALARM: a' });
  });

  it("leaves the operator's own stop ABORTED, never read as FIS refusing", () => {
    const e = experiment('stopped', [pre('cancelled'), fault('cancelled', false)]);
    expect(injectionOf(facts(e, { stoppedByUs: 'SIGINT' })).aborted).toBe('stopped by the operator (SIGINT) with StopExperiment');
  });

  it('counts a fault that landed as injected when only the check after the window failed', () => {
    const e = experiment('failed', [pre('completed'), fault('completed'), wait('completed'), post('failed', 'Alarm a is in state ALARM.')], { reason: 'Action failed.' });
    expect(injectionOf(facts(e))).toEqual({ injected: true, targets: ['abc123'] });
    expect(injectionOf(facts(e, { resolvedTargets: [] })).error).toBe('FIS experiment EXP1 failed: Action failed.; FIS resolved zero targets');
  });

  it('judges a delivered fault as completed while FIS waits, and zero resolved targets as not injected', () => {
    const e = experiment('running', [pre('completed'), fault('completed'), wait('running'), post('pending')]);
    expect(injectionOf(facts(e))).toEqual({ injected: true, targets: ['abc123'] });
    expect(injectionOf(facts(e, { resolvedTargets: [] }))).toEqual({ injected: false, targets: [], reason: 'FIS resolved zero targets' });
  });
});

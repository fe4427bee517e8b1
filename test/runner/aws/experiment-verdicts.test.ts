/**
 * Every way an FIS experiment can end, mapped to what the runner judges
 * (lib/runner/aws/experiment-state.ts → FaultInjection: injected and judged, NOT_INJECTED with
 * `reason`, ABORTED with `aborted`, ERROR with `error`). Experiments are shaped as GetExperiment
 * answers them (fis-facts §4): state { status, reason, error { code, location } }, actions with
 * state { status, reason }, startTime and endTime, listed in whatever order the action map
 * gives; resolved targets as ListExperimentResolvedTargets gives them (resourceType,
 * targetName, targetInformation).
 */
import type { ExperimentActionView, ExperimentView, ResolvedTargetView } from '../../../lib/runner/aws/fis-api';
import { faultDelivered, injectionOf, progressEntries, targetIdsOf } from '../../../lib/runner/aws/experiment-state';

const T0 = new Date('2026-12-01T08:00:00Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const action = (name: string, status: string, started = true, more: Partial<ExperimentActionView> = {}): ExperimentActionView => ({
  name,
  actionId: name.startsWith('Check') ? 'aws:cloudwatch:assert-alarm-state' : name === 'WaitRecoveryWindow' ? 'aws:fis:wait' : 'aws:ecs:stop-task',
  status,
  ...(started ? { startTime: at(1) } : {}),
  ...more,
});
const fault = (status: string, started = true, more: Partial<ExperimentActionView> = {}) => action('StopOneTask', status, started, more);
const pre = (status: string) => action('CheckAlarmsBeforeFault', status, status !== 'cancelled' && status !== 'pending');
const experiment = (status: ExperimentView['status'], actions: ExperimentActionView[], extra: Partial<ExperimentView> = {}): ExperimentView => ({ id: 'EXP9', status, actions, tags: {}, ...extra });
const task = (id: string): ResolvedTargetView => ({ resourceType: 'aws:ecs:task', targetName: 'Tasks', information: { arn: `arn:aws:ecs:eu-west-1:111122223333:task/demo-Cluster-XyZ/${id}` } });
const facts = (e: ExperimentView, more: Partial<Parameters<typeof injectionOf>[0]> = {}) => ({ experiment: e, resolvedTargets: [task('t1')], alarmsInAlarm: [], ...more });

/** The verdict a FaultInjection leads to, as the runner core reads it (an error first, then an abort, then not injected). */
const verdictOf = (f: ReturnType<typeof injectionOf>) => (f.error !== undefined ? 'ERROR' : f.aborted !== undefined ? 'ABORTED' : f.injected ? 'JUDGED' : 'NOT_INJECTED');

describe('each final state of a guarded experiment, to the verdict it leads to', () => {
  const guarded = (status: ExperimentView['status'], faultStatus: string, preStatus = 'completed', started = true) => experiment(status, [pre(preStatus), fault(faultStatus, started)]);

  it.each([
    ['completed, the fault completed', 'JUDGED', guarded('completed', 'completed'), {}],
    ['completed, the fault skipped', 'NOT_INJECTED', guarded('completed', 'skipped', 'completed', false), {}],
    ['completed with zero resolved targets', 'NOT_INJECTED', guarded('completed', 'completed'), { resolvedTargets: [] }],
    ['stopped by a stop condition mid-fault', 'ABORTED', guarded('stopped', 'stopped'), { alarmsInAlarm: ['demo-5xx'] }],
    ['stopped by the operator', 'ABORTED', guarded('stopped', 'stopping'), { stoppedByUs: 'SIGTERM' }],
    ['stopped before the check passed', 'NOT_INJECTED', guarded('stopped', 'cancelled', 'running', false), { alarmsInAlarm: ['demo-5xx'] }],
    ['failed at the check before the fault', 'NOT_INJECTED', guarded('failed', 'cancelled', 'failed', false), {}],
    ['failed in the fault action', 'ERROR', guarded('failed', 'failed'), {}],
    ['cancelled by a safety lever', 'ABORTED', guarded('cancelled', 'cancelled', 'completed', false), {}],
    ['still running when the runner stopped watching', 'ERROR', guarded('running', 'running'), {}],
  ] as const)('maps an experiment %s to %s', (_what, verdict, e, more) => {
    expect(verdictOf(injectionOf(facts(e, more)))).toBe(verdict);
  });
});

describe('what the fault reached', () => {
  it.each(['running', 'completed', 'stopping', 'stopped'])('counts a fault action that started and is %s as delivered when the experiment is stopped by the operator', (status) => {
    const e = experiment('stopped', [fault(status)]);
    expect(injectionOf(facts(e, { stoppedByUs: 'SIGINT' }))).toMatchObject({ injected: true, targets: ['t1'] });
  });

  it.each(['pending', 'cancelled', 'failed', 'skipped'])('counts nothing delivered by a fault action that is %s', (status) => {
    const e = experiment('stopped', [fault(status)]);
    expect(injectionOf(facts(e, { stoppedByUs: 'SIGINT' })).injected).toBe(false);
  });

  it('counts nothing delivered when FIS lists no start time for the action, whatever its status', () => {
    const e = experiment('stopped', [fault('stopped', false)]);
    expect(injectionOf(facts(e, { stoppedByUs: 'SIGINT' })).injected).toBe(false);
  });

  it('counts nothing delivered when FIS resolved zero targets, even with the action run', () => {
    const e = experiment('stopped', [fault('stopped')]);
    expect(injectionOf(facts(e, { stoppedByUs: 'SIGINT', resolvedTargets: [] }))).toEqual({
      injected: false,
      targets: [],
      aborted: 'stopped by the operator (SIGINT) with StopExperiment',
    });
  });

  it('counts the fault as delivered when FIS could not list the resolved targets (unknown is not zero)', () => {
    const e = experiment('stopped', [fault('stopped')]);
    expect(injectionOf({ experiment: e, alarmsInAlarm: [], stoppedByUs: 'SIGINT' })).toMatchObject({ injected: true, targets: [] });
  });

  it('never counts the alarm checks or the recovery wait as the fault', () => {
    const e = experiment('stopped', [pre('completed'), action('WaitRecoveryWindow', 'stopped'), fault('cancelled', false)]);
    expect(injectionOf(facts(e, { alarmsInAlarm: ['demo-5xx'] }))).toMatchObject({ injected: false, aborted: 'stop condition tripped — alarm(s) in ALARM: demo-5xx' });
  });

  it('names a target by its ARN wherever FIS lists it among the target information', () => {
    expect(targetIdsOf([{ information: { 'cluster-name': 'demo-Cluster-XyZ', arn: 'arn:aws:ecs:eu-west-1:111122223333:task/demo-Cluster-XyZ/t7' } }])).toEqual(['t7']);
  });
});

describe('the reasons a user reads', () => {
  it("fails as ABORTED when a safety lever cancelled it, with FIS's reason and what the fault had reached", () => {
    const e = experiment('cancelled', [pre('completed'), fault('stopped')], { reason: 'Safety lever engaged.' });
    expect(injectionOf(facts(e))).toEqual({ injected: true, targets: ['t1'], aborted: 'cancelled by FIS: a safety lever is engaged (FIS: Safety lever engaged.)' });
  });

  it("fails as ABORTED by a stop condition naming every alarm in ALARM and FIS's reason", () => {
    const e = experiment('stopped', [pre('completed'), fault('stopped')], { reason: 'Experiment stopped by stop condition.' });
    expect(injectionOf(facts(e, { alarmsInAlarm: ['demo-5xx', 'demo-latency'] })).aborted).toBe(
      'stop condition tripped — alarm(s) in ALARM: demo-5xx, demo-latency (FIS: Experiment stopped by stop condition.)',
    );
  });

  it('fails as ERROR naming the error code alone when FIS gives no location', () => {
    const e = experiment('failed', [fault('failed')], { reason: 'Unable to assume role.', error: { code: 'AccessDenied' } });
    expect(injectionOf(facts(e)).error).toBe('FIS experiment EXP9 failed: Unable to assume role. [AccessDenied]');
  });

  it('fails as ERROR when a second fault action failed after the first landed (only a failed check after the window is a finding)', () => {
    const e = experiment('failed', [pre('completed'), fault('completed'), action('StopSecondTask', 'failed', true, { reason: 'Task not found.' })], { reason: 'Action failed.' });
    expect(injectionOf(facts(e))).toEqual({ injected: true, targets: ['t1'], error: 'FIS experiment EXP9 failed: Action failed.' });
  });

  it('fails as ERROR without claiming zero targets when FIS could not list them', () => {
    const e = experiment('failed', [fault('failed')], { reason: 'Action failed.' });
    expect(injectionOf({ experiment: e, alarmsInAlarm: [] })).toEqual({ injected: false, targets: [], error: 'FIS experiment EXP9 failed: Action failed.' });
  });

  it('fails as ERROR when the check after the window failed but the fault never landed', () => {
    const e = experiment('failed', [pre('completed'), fault('failed'), action('CheckAlarmsAfterRecovery', 'failed', true, { reason: 'Alarm demo-5xx is in state ALARM.' })], {
      reason: 'Action failed.',
    });
    expect(injectionOf(facts(e))).toEqual({ injected: false, targets: ['t1'], error: 'FIS experiment EXP9 failed: Action failed.' });
  });

  it("fails as NOT_INJECTED when the check before the fault failed, with the check's own reason over the experiment's", () => {
    const e = experiment('failed', [{ ...pre('failed'), reason: 'Alarm demo-5xx is in state ALARM.' }, fault('cancelled', false)], { reason: 'Action failed.' });
    expect(injectionOf(facts(e, { alarmsNotOk: ['demo-5xx (ALARM)'] })).reason).toBe(
      "FIS's check before the fault (CheckAlarmsBeforeFault) found alarm(s) not OK: demo-5xx (ALARM); nothing was injected (FIS: Alarm demo-5xx is in state ALARM.)",
    );
  });

  it("fails as NOT_INJECTED when a stop condition stopped it before the check passed, with FIS's reason", () => {
    const e = experiment('stopped', [pre('running'), fault('pending', false)], { reason: 'Experiment stopped by stop condition.' });
    expect(injectionOf(facts(e, { alarmsInAlarm: ['demo-5xx'] }))).toEqual({
      injected: false,
      targets: [],
      reason: 'a stop-condition alarm was in ALARM before the fault (demo-5xx); FIS stopped the experiment before injecting anything (FIS: Experiment stopped by stop condition.)',
    });
  });

  it('fails as ABORTED, not NOT_INJECTED, when a stop condition stopped it after the fault began even though the check never completed', () => {
    const e = experiment('stopped', [pre('running'), fault('stopped')]);
    expect(verdictOf(injectionOf(facts(e, { alarmsInAlarm: ['demo-5xx'] })))).toBe('ABORTED');
  });

  it('fails as ABORTED when one of two fault actions had started before a stop condition stopped it', () => {
    const e = experiment('stopped', [pre('running'), fault('stopped'), action('StopSecondTask', 'cancelled', false)]);
    expect(injectionOf(facts(e, { alarmsInAlarm: ['demo-5xx'] }))).toMatchObject({ injected: true, aborted: 'stop condition tripped — alarm(s) in ALARM: demo-5xx' });
  });

  it('names every alarm in ALARM when a stop condition stopped it before the check passed', () => {
    const e = experiment('stopped', [pre('running'), fault('pending', false)]);
    expect(injectionOf(facts(e, { alarmsInAlarm: ['demo-5xx', 'demo-latency'] })).reason).toBe(
      'a stop-condition alarm was in ALARM before the fault (demo-5xx, demo-latency); FIS stopped the experiment before injecting anything',
    );
  });

  it('fails as ABORTED, not NOT_INJECTED, when a safety lever cancelled it before the check ran', () => {
    const e = experiment('cancelled', [pre('cancelled'), fault('cancelled', false)]);
    expect(injectionOf(facts(e))).toEqual({ injected: false, targets: ['t1'], aborted: 'cancelled by FIS: a safety lever is engaged' });
  });

  it('fails as ERROR, not NOT_INJECTED, when the runner stopped watching before the check ran', () => {
    const e = experiment('running', [pre('running'), fault('pending', false)]);
    expect(verdictOf(injectionOf(facts(e)))).toBe('ERROR');
  });

  it("reads an unguarded template's stop by a stop condition as ABORTED (no check to have refused)", () => {
    const e = experiment('stopped', [fault('cancelled', false)]);
    expect(injectionOf(facts(e, { alarmsInAlarm: ['demo-5xx'] }))).toMatchObject({ injected: false, aborted: 'stop condition tripped — alarm(s) in ALARM: demo-5xx' });
  });
});

describe('the fault delivered while FIS waits out the window', () => {
  it('finds the check before the fault by its name, wherever FIS lists it', () => {
    expect(faultDelivered(experiment('running', [fault('completed'), pre('running')]))).toBe(false);
    expect(faultDelivered(experiment('running', [fault('completed'), action('WaitRecoveryWindow', 'running'), pre('completed')]))).toBe(true);
  });

  it('is never true for a template without the check (its fault is judged when the experiment completes)', () => {
    expect(faultDelivered(experiment('running', [fault('completed')]))).toBe(false);
  });

  it('waits for every fault action to be over', () => {
    const second = action('StopSecondTask', 'running');
    expect(faultDelivered(experiment('running', [pre('completed'), fault('completed'), second]))).toBe(false);
    expect(faultDelivered(experiment('running', [pre('completed'), fault('completed'), { ...second, status: 'skipped' }]))).toBe(true);
  });
});

describe('the timeline', () => {
  it('adds an entry for an action FIS lists for the first time, and none for the experiment or an action that did not change', () => {
    const before = experiment('running', [fault('running')]);
    const after = experiment('running', [fault('running'), action('WaitRecoveryWindow', 'running', true, { reason: 'waiting' })]);
    expect(progressEntries(before, after)).toEqual([{ kind: 'action-state', detail: 'action WaitRecoveryWindow (aws:fis:wait) running: waiting' }]);
  });
});

/** The preflight, stop and report commands, with real clients against the strict fake AWS. */
import { promises as fs } from 'fs';
import * as path from 'path';
import { preflightCommand } from '../../../lib/cli/commands/preflight';
import { reportCommand } from '../../../lib/cli/commands/report';
import { stopCommand } from '../../../lib/cli/commands/stop';
import { journalSchema } from '../../../lib/runner/journal-schema';
import { CALLER_ARN } from '../../fixtures/fake-aws/fake-aws-server';
import type { FakeScenario } from '../../fixtures/fake-aws/fake-aws-state';
import { useFakeAws } from '../../fixtures/fake-aws/fake-aws-setup';

const setupFake = useFakeAws();
const probeOk = async () => ({ ok: true, detail: 'GET / → 200' });
const DAY_MS = 86_400_000;

async function setup(scenario: Partial<FakeScenario> = {}) {
  const s = await setupFake({ scenario });
  return { ...s, templateId: s.fake.state.templateFor('task-stop-drain').id };
}

describe('drills preflight', () => {
  it('prints one line per check and exits 0 when all pass', async () => {
    const { outputs, out, io } = await setup();
    const code = await preflightCommand({ drill: 'task-stop-drain', outputs }, io, { probe: probeOk, trafficCheck: async () => [] });
    expect({ code, out: out.join('') }).toEqual({ code: 0, out: expect.stringMatching(/^ok {4} {2}account/m) });
    expect(out.join('')).toMatch(/^ok {4} {2}service steady +running 2\/2/m);
    expect(out).toHaveLength(10);
  });

  it('prints only the preflight object on stdout with --json', async () => {
    const { outputs, out, io } = await setup();
    await preflightCommand({ drill: 'task-stop-drain', outputs, json: true }, io, { probe: probeOk, trafficCheck: async () => [] });
    const parsed = JSON.parse(out.join(''));
    expect(parsed.ok).toBe(true);
    expect(parsed.checks[0]).toEqual({ name: 'account', ok: true, detail: expect.any(String) });
  });

  it('fails with exit 1 when a stop-condition alarm is in INSUFFICIENT_DATA', async () => {
    const { outputs, out, io } = await setup({ alarmStates: { 'drills-demo-error-rate': 'INSUFFICIENT_DATA' } });
    expect(await preflightCommand({ drill: 'task-stop-drain', outputs }, io, { probe: probeOk, trafficCheck: async () => [] })).toBe(1);
    expect(out.join('')).toMatch(/FAILED {2}alarm drills-demo-error-rate +INSUFFICIENT_DATA/);
    expect(await preflightCommand({ drill: 'task-stop-drain', outputs, allowInsufficientData: true }, io, { probe: probeOk, trafficCheck: async () => [] })).toBe(0);
  });

  it('refuses an account other than --account', async () => {
    const { outputs, io } = await setup();
    expect(await preflightCommand({ drill: 'task-stop-drain', outputs, account: '444455556666' }, io, { probe: probeOk, trafficCheck: async () => [] })).toBe(1);
  });

  it('rejects an unknown drill and a missing outputs file as usage errors', async () => {
    const { io, err, dir } = await setup();
    expect(await preflightCommand({ drill: 'no-such-drill', outputs: 'x.json' }, io)).toBe(2);
    expect(await preflightCommand({ drill: 'task-stop-drain', outputs: path.join(dir, 'missing.json') }, io)).toBe(2);
    expect(err.join('')).toMatch(/unknown drill 'no-such-drill'[\s\S]*cannot read outputs file/);
  });

  it('never starts an experiment', async () => {
    const { outputs, io, fake } = await setup();
    await preflightCommand({ drill: 'task-stop-drain', outputs }, io, { probe: probeOk, trafficCheck: async () => [] });
    expect(fake.state.callsTo('StartExperiment')).toHaveLength(0);
  });
});

describe('drills stop', () => {
  it('stops only the active experiments this tool started for the caller', async () => {
    const { io, out, fake, templateId } = await setup({ initiatingMs: 10, stoppingMs: 50 });
    const mine = fake.state.start(templateId, 't1', { 'fis-drills:run-id': 'r1', 'fis-drills:operator': CALLER_ARN });
    fake.state.start(templateId, 't2', { 'fis-drills:run-id': 'r2', 'fis-drills:operator': 'arn:someone-else' });
    fake.state.start(templateId, 't3', { drill: 'scheduled' });
    expect(await stopCommand({ allMine: true, pollMs: 20 }, io)).toBe(0);
    expect(fake.state.callsTo('StopExperiment').map((c) => (c.input as { id: string }).id)).toEqual([mine.id]);
    expect(out.join('')).toMatch(new RegExp(`ok {6}${mine.id} {2}stopped`));
  });

  it('rejects both an id and --all-mine, or neither', async () => {
    const { io } = await setup();
    expect(await stopCommand({}, io)).toBe(2);
    expect(await stopCommand({ experimentId: 'E', allMine: true }, io)).toBe(2);
  });

  it('fails with exit 5 when the experiment does not exist, naming the call that failed', async () => {
    const { io, out } = await setup();
    expect(await stopCommand({ experimentId: 'EXPnope' }, io)).toBe(5);
    expect(out.join('')).toMatch(/FAILED {2}EXPnope {2}GetExperiment failed \(nothing was stopped\): ResourceNotFoundException/);
  });
});

describe('drills report', () => {
  async function report(scenario: Partial<FakeScenario>, startedDaysAgo = 0, drill = 'task-stop-drain') {
    const s = await setup({ initiatingMs: 10, runningMs: 50, ...scenario });
    const e = s.fake.state.start(s.fake.state.templateFor(drill).id, 'scheduler', { drill }, undefined, Date.now() - startedDaysAgo * DAY_MS - 3200);
    const evidence = path.join(s.dir, 'evidence');
    const code = await reportCommand({ experimentId: e.id, outputs: s.outputs, out: evidence, json: true }, s.io);
    const json = JSON.parse(s.out.join(''));
    const journal = JSON.parse(await fs.readFile(path.join(evidence, drill, e.id, 'journal.json'), 'utf8'));
    return { ...s, code, json, journal, e, evidence };
  }

  it('writes evidence for a scheduled experiment, judging only what AWS measured', async () => {
    const { code, json, journal, e, evidence, err, fake } = await report({});
    expect(json).toMatchObject({ verdict: 'HELD', runs: [{ drill: 'task-stop-drain', experimentId: e.id, figures: { 'tasks.sigkilled': 0 } }] });
    expect(code).toBe(0);
    expect(journal).toMatchObject({ schema: 'fis-drills/journal@1', mode: 'aws', experimentId: e.id, judgement: { verdict: 'HELD', notJudged: ['streams.broken', 'jobs.failed', 'requests.errorRate'] } });
    expect(journal.timeline.map((t: { kind: string }) => t.kind)).toContain('task-exited');
    expect(await fs.readFile(path.join(evidence, 'task-stop-drain', e.id, 'report.md'), 'utf8')).toMatch(/^# Cooperative task stop drains in-flight streams — HELD/);
    expect(err.join('')).toMatch(/not judged/);
    expect(fake.state.callsTo('StartExperiment')).toHaveLength(0);
    expect((fake.state.callsTo('GetMetricData')[0].input as { MetricDataQueries: { MetricStat: { Period: number } }[] }).MetricDataQueries[0].MetricStat.Period).toBe(60);
  });

  it('keeps the CloudWatch datapoints of the window in the journal and charts the fleet from them', async () => {
    const { journal, evidence, e } = await report({});
    const cloudwatch = (journal.samples.metrics as { source: string; metric: string; value: number }[]).filter((m) => m.source === 'cloudwatch');
    expect(cloudwatch.filter((m) => m.metric === 'HealthyHostCount').map((m) => m.value)).toEqual([2, 1, 2]);
    expect(journalSchema.safeParse(journal).error).toBeUndefined();
    const svg = await fs.readFile(path.join(evidence, 'task-stop-drain', e.id, 'chart-fleet.svg'), 'utf8');
    expect(svg).toMatch(/aria-label="HealthyHostCount Minimum 2 for the 1 min from /);
    expect(svg).toContain('CloudWatch datapoints (a bar per period)');
  });

  it('asks for 5-minute datapoints for an experiment 20 days old, and says why', async () => {
    const { journal, fake } = await report({}, 20);
    const periods = (fake.state.callsTo('GetMetricData')[0].input as { MetricDataQueries: { MetricStat: { Period: number } }[] }).MetricDataQueries.map((q) => q.MetricStat.Period);
    expect(new Set(periods)).toEqual(new Set([300]));
    expect(journal.judgement.reasons.join('\n')).toMatch(/20 days ago: CloudWatch keeps only 5-minute datapoints/);
  });

  it('asks for 1-hour datapoints for an experiment 70 days old', async () => {
    const { fake } = await report({}, 70);
    expect((fake.state.callsTo('GetMetricData')[0].input as { MetricDataQueries: { MetricStat: { Period: number } }[] }).MetricDataQueries[0].MetricStat.Period).toBe(3600);
  });

  it('notes partial CloudWatch data and its messages in the journal', async () => {
    const { journal } = await report({ metricStatus: { statusCode: 'PartialData', message: { Code: 'MaxQueryTimeRangeExceed', Value: 'fake page cut short' } } });
    const reasons = journal.judgement.reasons.join('\n');
    expect(reasons).toMatch(/CloudWatch running_tasks: PartialData/);
    expect(reasons).toMatch(/GetMetricData: MaxQueryTimeRangeExceed: fake page cut short/);
  });

  it('leaves tasks.sigkilled unmeasured and says so when ECS no longer has the stopped task', async () => {
    const { json, journal } = await report({ tasksGone: true });
    expect(json.runs[0].figures['tasks.sigkilled']).toBeUndefined();
    expect(journal.judgement.reasons.join('\n')).toMatch(/tasks\.sigkilled incomplete: ECS did not describe 1 of 1 target task\(s\) \(MISSING/);
  });

  it('says the timeline is incomplete when the experiment\'s events fell out of the newest 100', async () => {
    const { journal } = await report({ laterEvents: 120 });
    expect(journal.judgement.reasons.join('\n')).toMatch(/timeline incomplete: ECS returns only the newest 100 service events/);
  });

  it('names the alarm that was in ALARM during the experiment from its history, though it is OK now', async () => {
    const { json, journal } = await report({ endsAs: 'stopped', alarmHistory: { 'drills-demo-healthy-hosts': [{ atMs: 30, to: 'ALARM' }, { atMs: 3000, to: 'OK' }] } });
    expect(json.verdict).toBe('ABORTED');
    expect(journal.judgement.reasons.join('\n')).toMatch(/alarm\(s\) in ALARM: drills-demo-healthy-hosts/);
  });

  it('counts a zone drill back to steady only once ECS finished rebalancing the zones', async () => {
    const { json, journal } = await report({ runningDuringFault: 1, rebalanceMs: 500 }, 0, 'az-outage');
    expect(json.runs[0].figures['recovery.seconds']).toBeCloseTo(2.3, 1);
    expect(journal.timeline.map((t: { detail?: string }) => t.detail ?? '')).toContainEqual(expect.stringMatching(/^AZ rebalancing completed: /));
  });

  it('fails as VIOLATED when ECS had not finished rebalancing by the end of the window', async () => {
    const { code, json, journal } = await report({ runningDuringFault: 1, rebalanceMs: 600_000 }, 0, 'az-outage');
    expect({ code, verdict: json.verdict }).toEqual({ code: 1, verdict: 'VIOLATED' });
    expect(journal.judgement.reasons.join('\n')).toMatch(/recovery\.seconds > \d+.*ECS had not finished AZ rebalancing/);
  });

  it('fails with exit 5 for an experiment FIS does not know', async () => {
    const { outputs, io, err, dir } = await setup();
    expect(await reportCommand({ experimentId: 'EXPnope', outputs, out: path.join(dir, 'ev') }, io)).toBe(5);
    expect(err.join('')).toMatch(/ResourceNotFoundException/);
  });
});

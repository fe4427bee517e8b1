/** `drills report`, with real clients against the strict fake AWS. */
import { promises as fs } from 'fs';
import * as path from 'path';
import { reportCommand } from '../../../lib/cli/commands/report';
import { journalSchema } from '../../../lib/runner/journal-schema';
import type { FakeScenario } from '../../fixtures/fake-aws/fake-aws-state';
import { useFakeAws } from '../../fixtures/fake-aws/fake-aws-setup';

const setupFake = useFakeAws();
const DAY_MS = 86_400_000;

async function setup(scenario: Partial<FakeScenario> = {}) {
  const s = await setupFake({ scenario });
  return { ...s, templateId: s.fake.state.templateFor('task-stop-drain').id };
}

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
    expect(journal).toMatchObject({
      schema: 'fis-drills/journal@1',
      mode: 'aws',
      experimentId: e.id,
      judgement: { verdict: 'HELD', notJudged: ['streams.broken', 'jobs.failed', 'requests.errorRate'] },
    });
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

  it("says the timeline is incomplete when the experiment's events fell out of the newest 100", async () => {
    const { journal } = await report({ laterEvents: 120 });
    expect(journal.judgement.reasons.join('\n')).toMatch(/timeline incomplete: ECS returns only the newest 100 service events/);
  });

  it('names the alarm that was in ALARM during the experiment from its history, though it is OK now', async () => {
    const { json, journal } = await report({
      endsAs: 'stopped',
      alarmHistory: {
        'drills-demo-healthy-hosts': [
          { atMs: 30, to: 'ALARM' },
          { atMs: 3000, to: 'OK' },
        ],
      },
    });
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

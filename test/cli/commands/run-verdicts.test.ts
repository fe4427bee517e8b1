/**
 * `drills run` end to end on AWS figures: the real runner core (probe, steady-state gate,
 * injection, recovery, figures, judge, evidence) over the FIS engine, real SDK clients against
 * the strict fake AWS built from the synthesized app, and the demo service as the probe's
 * target. One run per verdict. The drills are the catalogue's, with a probe profile short
 * enough for a test (same expectations, same bounds).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { runCommand } from '../../../lib/cli/commands/run';
import { journalSchema } from '../../../lib/runner/journal-schema';
import { useFakeAws, type SetupOptions } from '../../fixtures/fake-aws/fake-aws-setup';
import { fakeRunDeps } from '../../helpers/quick-aws-drill';
import { startService, stopAllServices, type ServiceProcess } from '../../helpers/service-process';

const setup = useFakeAws();
let service: ServiceProcess | undefined;

async function run(drillId: string, options: SetupOptions) {
  if (!service) throw new Error('the probe target did not start (beforeAll)');
  const s = await setup({ ...options, serviceUrl: `http://127.0.0.1:${service.port}` });
  const deps = fakeRunDeps(drillId);
  const code = await runCommand({ drill: drillId, outputs: s.outputs, yes: true, json: true, out: path.join(s.dir, 'evidence') }, s.io, deps);
  const result = JSON.parse(s.out.join('')) as { verdict: string; runs: { figures: Record<string, number>; evidence: string }[] };
  const journal = JSON.parse(await fs.readFile(path.join(result.runs[0].evidence, 'journal.json'), 'utf8')) as {
    judgement: { verdict: string; reasons: string[] };
    timeline: { kind: string; detail?: string }[];
    samples: { metrics?: { source: string; metric: string; stat?: string; periodSeconds?: number; value: number; atMs: number }[] };
  };
  return { code, result, journal, evidence: result.runs[0].evidence, figures: result.runs[0].figures, fake: s.fake, err: s.err.join('') };
}

// The probe's target, shared by the file's runs: started before them with a bound of its own, so
// the first test does not pay for it (it took twice the others' time under load and hit its timeout).
beforeAll(async () => {
  service = await startService({ env: { TASK_ID: 'off-target-task', ZONE: 'eu-west-1b' } });
}, 120_000);

afterAll(async () => {
  await stopAllServices();
});

describe('drills run over the strict fake AWS, judged by the real runner core', () => {
  it('holds a hard kill when ECS never saw fewer than two tasks running, and says where the figure came from', async () => {
    const { code, figures, journal } = await run('task-hard-kill', {
      scenario: { initiatingMs: 100, runningMs: 1200, runningDuringFault: 2, datapoints: { RequestCount: [120], HealthyHostCount: [2, 2], RunningTaskCount: [2, 2] } },
    });
    expect({ code, verdict: journal.judgement.verdict }).toEqual({ code: 0, verdict: 'HELD' });
    expect(figures['tasks.running.min']).toBe(2);
    expect(journal.timeline.map((e) => e.detail ?? '')).toContainEqual(expect.stringMatching(/^tasks\.running\.min from ECS DescribeServices \(.*during the fault/));
  }, 60_000);

  it('keeps the CloudWatch per-minute series and the ECS reads in the journal, and charts them in report.html and chart-fleet.svg', async () => {
    const { code, journal, evidence } = await run('task-hard-kill', {
      scenario: { initiatingMs: 100, runningMs: 1200, runningDuringFault: 2, datapoints: { RequestCount: [120], HealthyHostCount: [2, 1], RunningTaskCount: [2, 2] } },
    });
    expect(code).toBe(0);
    const metrics = journal.samples.metrics ?? [];
    const cloudwatch = (metric: string) => metrics.filter((m) => m.source === 'cloudwatch' && m.metric === metric).map((m) => [m.stat, m.periodSeconds, m.value]);
    expect(cloudwatch('HealthyHostCount')).toEqual([
      ['Minimum', 60, 2],
      ['Minimum', 60, 1],
    ]);
    expect(cloudwatch('RunningTaskCount')).toEqual([
      ['Minimum', 60, 2],
      ['Minimum', 60, 2],
    ]);
    expect(metrics.filter((m) => m.source === 'ecs' && m.metric === 'runningCount').length).toBeGreaterThan(0);
    expect(journalSchema.safeParse(journal).error).toBeUndefined();
    const html = await fs.readFile(path.join(evidence, 'report.html'), 'utf8');
    const svg = await fs.readFile(path.join(evidence, 'chart-fleet.svg'), 'utf8');
    for (const page of [html, svg]) {
      // the minute that covers the run's start is on the chart, labelled with CloudWatch's datapoint
      expect(page).toMatch(/aria-label="HealthyHostCount Minimum 2 for the 1 min from \d{4}-/);
      expect(page).toMatch(/aria-label="RunningTaskCount Minimum 2 for the 1 min from \d{4}-/);
      expect(page).toContain('CloudWatch datapoints (a bar per period)');
    }
  }, 60_000);

  it('fails as VIOLATED when ECS saw the service run dry during the fault, though Container Insights never did', async () => {
    const { code, figures, journal } = await run('task-hard-kill', {
      scenario: { initiatingMs: 100, runningMs: 1500, faultMs: 1000, runningDuringFault: 0, datapoints: { RequestCount: [120], HealthyHostCount: [2, 2], RunningTaskCount: [2, 2] } },
    });
    expect({ code, verdict: journal.judgement.verdict }).toEqual({ code: 1, verdict: 'VIOLATED' });
    expect(figures['tasks.running.min']).toBe(0);
    expect(journal.judgement.reasons.join('\n')).toMatch(/tasks\.running\.min = 0 breaks >= 1/);
  }, 60_000);

  it('fails as ABORTED naming the stop-condition alarm that tripped', async () => {
    const { code, journal } = await run('task-stop-drain', {
      scenario: { initiatingMs: 100, runningMs: 600, endsAs: 'stopped', alarmStatesDuringFault: { 'drills-demo-error-rate': 'ALARM' } },
    });
    expect({ code, verdict: journal.judgement.verdict }).toEqual({ code: 3, verdict: 'ABORTED' });
    expect(journal.judgement.reasons.join('\n')).toMatch(/drills-demo-error-rate/);
  }, 60_000);

  it('fails as NOT_INJECTED when FIS skipped the action', async () => {
    const { code, journal } = await run('task-stop-drain', { scenario: { initiatingMs: 100, runningMs: 300, endsAs: 'skipped' } });
    expect({ code, verdict: journal.judgement.verdict }).toEqual({ code: 4, verdict: 'NOT_INJECTED' });
  }, 60_000);

  it('fails as ERROR when the FIS experiment failed', async () => {
    const { code, journal } = await run('task-stop-drain', { scenario: { initiatingMs: 100, runningMs: 300, endsAs: 'failed' } });
    expect({ code, verdict: journal.judgement.verdict }).toEqual({ code: 5, verdict: 'ERROR' });
    expect(journal.judgement.reasons.join('\n')).toMatch(/FIS experiment .* failed/);
  }, 60_000);

  it('fails as VIOLATED when the stopped target exited 137 (SIGKILL before it drained)', async () => {
    const { code, figures } = await run('task-stop-drain', { scenario: { initiatingMs: 100, runningMs: 1200, targetExitCode: 137 } });
    expect({ code, sigkilled: figures['tasks.sigkilled'] }).toEqual({ code: 1, sigkilled: 1 });
  }, 60_000);

  it('waits after a zone drill for ECS to finish AZ rebalancing, and shows it in the timeline', async () => {
    const { code, figures, journal } = await run('az-outage', { scenario: { initiatingMs: 100, runningMs: 800, runningDuringFault: 1, rebalanceMs: 2000 } });
    expect(code).toBe(0);
    // Rebalancing completes 1.8 s + 2 s after the fault started; steady alone came at 1.6 s.
    expect(figures['recovery.seconds']).toBeGreaterThanOrEqual(3.8);
    const details = journal.timeline.map((e) => e.detail ?? '');
    expect(details).toContainEqual(expect.stringMatching(/AZ rebalancing started: /));
    expect(details).toContainEqual(expect.stringMatching(/AZ rebalancing completed/));
  }, 60_000);
});

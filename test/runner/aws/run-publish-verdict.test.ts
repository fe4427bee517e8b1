/**
 * `drills run` publishes its verdict where on-call looks: the DrillVerdict / DrillRecoverySeconds
 * metrics under the drill and the ECS service, and with `--notify`, one SNS message with the
 * summary and the report's location — through the strict fake AWS, which refuses metrics and
 * topics the synthesized templates do not define. A stand-in core (as in run-command.test.ts)
 * drives the engine and writes the journal into the run's evidence folder.
 */
import { EventEmitter } from 'events';
import { runCommand } from '../../../lib/cli/commands/run';
import { JournalWriter } from '../../../lib/runner/journal-writer';
import type { runDrill } from '../../../lib/runner/run-drill';
import { localEvidenceStore } from '../../../lib/runner/local-evidence';
import { useFakeAws } from '../../fixtures/fake-aws/fake-aws-setup';
import type { FakeAwsState } from '../../fixtures/fake-aws/fake-aws-state';

const setupFake = useFakeAws({ synth: { config: { drills: { deadMansSwitch: true, gameDays: true } } } });

const standIn =
  (verdict: 'HELD' | 'VIOLATED', recoverySeconds: number): typeof runDrill =>
  async ({ drill, engine, runId, evidence, outRoot }) => {
    await engine.start();
    await engine.inject(drill);
    await engine.close();
    const folder = (evidence ?? localEvidenceStore(outRoot)).folder(drill.id, runId as string);
    const { id, title, hypothesis, fault, expect: expectations, file } = drill;
    const writer = await JournalWriter.create(folder, {
      runId: runId as string,
      mode: 'aws',
      drill: { id, title, hypothesis, fault, expect: expectations, file },
      settings: {},
      target: {},
      startedAt: '2026-12-01T01:00:00.000Z',
    });
    const reasons = verdict === 'HELD' ? [] : ['recovery.seconds 180 > 120 (bound)'];
    const judgement = { verdict, expectations: [], reasons, notJudged: [] };
    const figures = { 'recovery.seconds': recoverySeconds };
    await writer.finish({ endedAt: '2026-12-01T01:05:00.000Z', figures, judgement });
    return { drill: drill.id, runId: runId as string, verdict, judgement, figures, evidence: folder.location };
  };

async function run(verdict: 'HELD' | 'VIOLATED', extra: { notify?: string } = {}) {
  const s = await setupFake({ scenario: { initiatingMs: 50, stoppingMs: 100, runningMs: 200 } });
  const deps = {
    probe: async () => ({ ok: true, detail: 'stub' }),
    trafficCheck: async () => [],
    runDrill: standIn(verdict, verdict === 'HELD' ? 42 : 180),
    interactive: false,
    signals: new EventEmitter() as never,
    newRunId: () => 'run-gd-1',
    engineTimings: { recoveryPollMs: 100, runningPollMs: 100 },
  };
  const code = await runCommand({ drill: 'task-stop-drain', outputs: s.outputs, yes: true, out: `${s.dir}/evidence`, ...extra }, s.io, deps);
  return { ...s, code, topic: s.fake.deployment.topics[0] };
}

function published(state: FakeAwsState) {
  return state.callsTo('PutMetricData').map((c) => c.input as { Namespace: string; MetricData: { MetricName: string; Value: number; Dimensions: { Name: string; Value: string }[] }[] });
}

describe('drills run publishes its verdict', () => {
  it('puts the verdict and the recovery seconds under the drill and the ECS service, which the game-day alarm watches', async () => {
    const { code, fake, err } = await run('HELD');
    expect(code).toBe(0);
    const calls = published(fake.state);
    expect(calls).toHaveLength(1);
    const service = fake.deployment.service.name;
    const dims = [
      { Name: 'Service', Value: service },
      { Name: 'Drill', Value: 'task-stop-drain' },
    ];
    expect(calls[0]).toMatchObject({
      Namespace: 'FisDrills',
      MetricData: [
        { MetricName: 'DrillVerdict', Value: 0, Dimensions: dims },
        { MetricName: 'DrillRecoverySeconds', Value: 42, Dimensions: dims },
      ],
    });
    const alarm = fake.deployment.alarms.find((a) => a.name === 'drills-demo-task-stop-drain-game-day-not-held');
    expect(alarm?.series).toEqual([{ namespace: 'FisDrills', metric: 'DrillVerdict', dimensions: { Service: service, Drill: 'task-stop-drain' } }]);
    expect(err.join('')).toContain('verdict published as FisDrills/DrillVerdict');
    expect(err.join('')).not.toContain('could not publish');
    expect(fake.state.callsTo('Publish')).toHaveLength(0);
  });

  it('sends the one-paragraph summary with the report location to the --notify topic, and the verdict as its exit code', async () => {
    const { code, fake, topic, dir } = await setupAndRunViolated();
    expect(code).toBe(1);
    expect(published(fake.state)[0].MetricData[0]).toMatchObject({ MetricName: 'DrillVerdict', Value: 1 });
    const sent = fake.state.callsTo('Publish').map((c) => c.input as Record<string, string>);
    expect(sent).toHaveLength(1);
    expect(sent[0].TopicArn).toBe(topic);
    expect(sent[0].Subject).toBe(`[fis-drills] VIOLATED task-stop-drain on ${fake.deployment.service.name}`);
    expect(sent[0].Message).toMatch(/^VIOLATED: .* \(task-stop-drain\) on .*, run run-gd-1, started 2026-12-01T01:00:00.000Z\. Hypothesis: /);
    expect(sent[0].Message).toContain('Why: recovery.seconds 180 > 120 (bound).');
    expect(sent[0].Message).toContain(`Report: ${dir}/evidence/task-stop-drain/run-gd-1/report.html`);
  });

  it("fails to notify a topic the templates do not define, says so on stderr, and keeps the verdict's exit code", async () => {
    const { code, err, fake } = await run('HELD', { notify: 'arn:aws:sns:eu-west-1:111122223333:someone-elses-topic' });
    expect(code).toBe(0);
    expect(fake.state.callsTo('Publish')).toHaveLength(1);
    expect(err.join('')).toMatch(/could not notify arn:aws:sns:eu-west-1:111122223333:someone-elses-topic: NotFound(Exception)?: Topic does not exist/);
  });

  it('rejects a --notify value that is not a topic ARN before anything starts', async () => {
    const { code, err, fake } = await run('HELD', { notify: 'on-call' });
    expect(code).toBe(2);
    expect(err.join('')).toContain("--notify 'on-call' is not an SNS topic ARN");
    expect(fake.state.calls).toHaveLength(0);
  });
});

describe('the strict fake', () => {
  it('refuses a metric no alarm or dashboard of the templates defines', async () => {
    const s = await setupFake();
    const { CloudWatchClient, PutMetricDataCommand } = await import('@aws-sdk/client-cloudwatch');
    const client = new CloudWatchClient({ maxAttempts: 1 });
    try {
      const put = client.send(
        new PutMetricDataCommand({
          Namespace: 'FisDrills',
          MetricData: [
            {
              MetricName: 'DrillVerdict',
              Value: 0,
              Dimensions: [
                { Name: 'Service', Value: 'not-the-service' },
                { Name: 'Drill', Value: 'task-stop-drain' },
              ],
            },
          ],
        }),
      );
      await expect(put).rejects.toThrow(/no alarm or dashboard of the templates defines FisDrills\/DrillVerdict \{Service=not-the-service, Drill=task-stop-drain\}/);
      expect(s.fake.state.callsTo('PutMetricData')).toHaveLength(1);
    } finally {
      client.destroy();
    }
  });
});

async function setupAndRunViolated() {
  const s = await setupFake({ scenario: { initiatingMs: 50, stoppingMs: 100, runningMs: 200 } });
  const topic = s.fake.deployment.topics[0];
  const deps = {
    probe: async () => ({ ok: true, detail: 'stub' }),
    trafficCheck: async () => [],
    runDrill: standIn('VIOLATED', 180),
    interactive: false,
    signals: new EventEmitter() as never,
    newRunId: () => 'run-gd-1',
    engineTimings: { recoveryPollMs: 100, runningPollMs: 100 },
  };
  const code = await runCommand({ drill: 'task-stop-drain', outputs: s.outputs, yes: true, out: `${s.dir}/evidence`, notify: topic }, s.io, deps);
  return { ...s, code, topic };
}

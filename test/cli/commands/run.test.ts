/**
 * `drills run` around the runner core: usage, preflight, confirmation, signals and a throwing
 * core, with real clients against the strict fake AWS. The verdicts themselves are judged by the
 * real core in run-verdicts.test.ts; here a stand-in drives the engine (start → inject →
 * recovery → figures → close) so these tests need no service to probe.
 */
import { EventEmitter } from 'events';
import { promises as fs } from 'fs';
import * as path from 'path';
import { runCommand } from '../../../lib/cli/commands/run';
import type { Journal } from '../../../lib/runner/journal';
import type { runDrill } from '../../../lib/runner/run-drill';
import type { Verdict } from '../../../lib/runner/verdict';
import { CALLER_ARN } from '../../fixtures/fake-aws/fake-aws-server';
import type { FakeScenario } from '../../fixtures/fake-aws/fake-aws-state';
import { useFakeAws } from '../../fixtures/fake-aws/fake-aws-setup';

type RunDrill = typeof runDrill;
const setupFake = useFakeAws();

const coreStandIn: RunDrill = async ({ drill, engine, runId }) => {
  await engine.start();
  const injection = await engine.inject(drill);
  await engine.awaitRecovery(2000);
  await engine.close();
  const verdict: Verdict = injection.error ? 'ERROR' : injection.aborted ? 'ABORTED' : !injection.injected ? 'NOT_INJECTED' : 'HELD';
  const judgement = { verdict, expectations: [], reasons: [], notJudged: [] };
  return { drill: drill.id, runId: runId ?? 'r', verdict, judgement, figures: engine.figures(), evidence: `evidence/${drill.id}/${runId}` };
};

async function setup(scenario: Partial<FakeScenario> = {}) {
  const s = await setupFake({ scenario: { initiatingMs: 50, stoppingMs: 100, ...scenario } });
  const signals = new EventEmitter();
  const deps = {
    probe: async () => ({ ok: true, detail: 'stub' }),
    trafficCheck: async () => [],
    runDrill: coreStandIn,
    interactive: false,
    signals: signals as never,
    newRunId: () => 'run-test-1',
    engineTimings: { recoveryPollMs: 100, runningPollMs: 100 },
  };
  return { ...s, deps, signals, fake: s.fake, templateId: s.fake.state.templateFor('task-stop-drain').id };
}

describe('drills run', () => {
  it('rejects a run without --yes when nobody is at a terminal', async () => {
    const { outputs, io, err, deps, fake } = await setup();
    expect(await runCommand({ drill: 'task-stop-drain', outputs }, io, deps)).toBe(2);
    expect(err.join('')).toMatch(/pass --yes/);
    expect(fake.state.calls).toHaveLength(0);
  });

  it('rejects an unknown drill before anything else, naming it', async () => {
    const { outputs, io, err, deps, fake } = await setup();
    expect(await runCommand({ drill: 'no-such-drill', outputs }, io, deps)).toBe(2);
    expect(err.join('')).toMatch(/unknown drill 'no-such-drill'/);
    expect(fake.state.calls).toHaveLength(0);
  });

  it('rejects a database drill on a service whose outputs name no database, saying how to turn it on', async () => {
    const { outputs, io, err, deps, fake } = await setup();
    expect(await runCommand({ drill: 'dependency-outage', outputs, yes: true }, io, deps)).toBe(2);
    expect(err.join('')).toMatch(/drill 'dependency-outage' needs the service's database.*no DatabaseClusterIdentifier.*service\.database.*-c service\.database=true/);
    expect(fake.state.calls.filter((c) => c.service === 'fis')).toHaveLength(0);
  });

  it('fails as ABORTED without starting anything when preflight refuses, and unattended keeps the refusal as evidence with its verdict published', async () => {
    const { outputs, io, out, deps, fake, dir } = await setup({ alarmStates: { 'drills-demo-error-rate': 'ALARM' } });
    const evidence = path.join(dir, 'evidence');
    expect(await runCommand({ drill: 'task-stop-drain', outputs, yes: true, out: evidence, json: true }, io, deps)).toBe(3);
    expect(fake.state.callsTo('StartExperiment')).toHaveLength(0);
    const journal = JSON.parse(await fs.readFile(path.join(evidence, 'task-stop-drain', 'run-test-1', 'journal.json'), 'utf8')) as Journal;
    expect(journal.judgement).toMatchObject({
      verdict: 'ABORTED',
      reasons: [expect.stringMatching(/^aborted: refused by preflight \(alarm drills-demo-error-rate: .*ALARM/), expect.stringMatching(/^not judged \(nothing was sent/)],
    });
    await expect(fs.stat(path.join(evidence, 'task-stop-drain', 'run-test-1', 'report.html'))).resolves.toBeDefined();
    expect(JSON.parse(out.join(''))).toEqual({
      verdict: 'ABORTED',
      runs: [{ drill: 'task-stop-drain', verdict: 'ABORTED', figures: {}, evidence: path.join(evidence, 'task-stop-drain', 'run-test-1') }],
    });
    const verdict = fake.state.callsTo('PutMetricData').flatMap((c) => (c.input as { MetricData: { MetricName: string; Value: number }[] }).MetricData);
    expect(verdict).toEqual([expect.objectContaining({ MetricName: 'DrillVerdict', Value: 3 })]);
  });

  it('fails as ABORTED at a terminal when preflight refuses, saying so and keeping nothing (the operator is there)', async () => {
    const { outputs, io, err, deps, fake, dir } = await setup({ alarmStates: { 'drills-demo-error-rate': 'ALARM' } });
    const evidence = path.join(dir, 'evidence');
    const confirm = async () => true;
    expect(await runCommand({ drill: 'task-stop-drain', outputs, out: evidence }, io, { ...deps, interactive: true, confirm })).toBe(3);
    expect(err.join('')).toMatch(/refused by preflight \(alarm drills-demo-error-rate.*; nothing was started \(ABORTED\)/);
    await expect(fs.stat(evidence)).rejects.toThrow(/ENOENT/);
    expect(fake.state.callsTo('PutMetricData')).toEqual([]);
  });

  it('asks at a terminal and starts nothing when the answer is no', async () => {
    const { outputs, io, deps, fake, templateId } = await setup();
    const asked: string[] = [];
    const code = await runCommand({ drill: 'task-stop-drain', outputs }, io, { ...deps, interactive: true, confirm: async (q) => (asked.push(q), false) });
    expect(code).toBe(3);
    expect(asked[0]).toContain(`Start FIS template ${templateId} (task-stop-drain`);
    expect(fake.state.callsTo('StartExperiment')).toHaveLength(0);
  });

  it('runs the experiment to a verdict and prints the runs JSON on stdout', async () => {
    const { outputs, io, out, deps, fake } = await setup({ runningMs: 200 });
    const code = await runCommand({ drill: 'task-stop-drain', outputs, yes: true, json: true }, io, deps);
    expect(code).toBe(0);
    const json = JSON.parse(out.join(''));
    expect(json).toMatchObject({ verdict: 'HELD', runs: [{ drill: 'task-stop-drain', verdict: 'HELD', experimentId: fake.state.experiments[0].id, figures: { 'fault.targets': 1 } }] });
    expect(fake.state.callsTo('StartExperiment')[0].input).toMatchObject({
      clientToken: 'run-test-1',
      tags: { drill: 'task-stop-drain', 'fis-drills:run-id': 'run-test-1', 'fis-drills:operator': CALLER_ARN },
    });
  });

  it('fails with the verdict and the reasons of a run that did not hold, each with its cause', async () => {
    const { outputs, io, out, deps } = await setup({ runningMs: 200 });
    const reasons = ['tasks.sigkilled = 1 breaks <= 0: SIGTERM dropped on t1: the main process has no SIGTERM handler'];
    const violated: RunDrill = async (options) => ({ ...(await coreStandIn(options)), verdict: 'VIOLATED', judgement: { verdict: 'VIOLATED', expectations: [], reasons, notJudged: [] } });
    expect(await runCommand({ drill: 'task-stop-drain', outputs, yes: true }, io, { ...deps, runDrill: violated })).toBe(1);
    expect(out.join('')).toMatch(/^VIOLATED {2}task-stop-drain .*\n {2}- tasks\.sigkilled = 1 breaks <= 0: SIGTERM dropped on t1: the main process has no SIGTERM handler\n$/);
  });

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'])('stops the experiment on %s and waits for stopped before returning ABORTED', async (name) => {
    const { outputs, io, deps, signals, fake } = await setup({ runningMs: 60_000, stoppingMs: 300 });
    const done = runCommand({ drill: 'task-stop-drain', outputs, yes: true }, io, deps);
    while (fake.state.callsTo('GetExperiment').length < 2) await new Promise((r) => setTimeout(r, 20));
    signals.emit(name);
    expect(await done).toBe(3);
    expect(fake.state.callsTo('StopExperiment')).toHaveLength(1);
    expect(fake.state.statusOf(fake.state.experiments[0]).status).toBe('stopped');
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM') + signals.listenerCount('SIGHUP')).toBe(0);
  });

  it('keeps waiting for stopped on a second Ctrl-C, and says so', async () => {
    const { outputs, io, err, deps, signals, fake } = await setup({ runningMs: 60_000, stoppingMs: 1500 });
    const done = runCommand({ drill: 'task-stop-drain', outputs, yes: true }, io, deps);
    while (fake.state.callsTo('GetExperiment').length < 2) await new Promise((r) => setTimeout(r, 20));
    signals.emit('SIGINT');
    while (fake.state.callsTo('StopExperiment').length < 1) await new Promise((r) => setTimeout(r, 20));
    signals.emit('SIGINT');
    expect(await done).toBe(3);
    expect(fake.state.callsTo('StopExperiment')).toHaveLength(1);
    expect(fake.state.statusOf(fake.state.experiments[0]).status).toBe('stopped');
    const id = fake.state.experiments[0].id;
    expect(err.join('')).toMatch(new RegExp(`still waiting for FIS to stop ${id} .*drills stop ${id}`));
  });

  it('starts nothing when a signal arrives before the experiment (at the confirmation)', async () => {
    const { outputs, io, err, deps, signals, fake } = await setup();
    const confirm = async () => (signals.emit('SIGINT'), true);
    expect(await runCommand({ drill: 'task-stop-drain', outputs }, io, { ...deps, interactive: true, confirm })).toBe(3);
    expect(fake.state.callsTo('StartExperiment')).toHaveLength(0);
    expect(err.join('')).toMatch(/SIGINT: stopping; no experiment was started/);
    expect(signals.listenerCount('SIGINT')).toBe(0);
  });

  it('stops a started experiment when the runner core throws', async () => {
    const { outputs, io, err, deps, fake } = await setup({ runningMs: 60_000 });
    let injecting: Promise<unknown> | undefined;
    const throwing: RunDrill = async ({ drill, engine }) => {
      await engine.start();
      injecting = engine.inject(drill);
      while (fake.state.callsTo('GetExperiment').length < 1) await new Promise((r) => setTimeout(r, 20));
      throw new Error('probe crashed');
    };
    expect(await runCommand({ drill: 'task-stop-drain', outputs, yes: true }, io, { ...deps, runDrill: throwing })).toBe(5);
    expect(fake.state.callsTo('StopExperiment')).toHaveLength(1);
    expect(fake.state.statusOf(fake.state.experiments[0]).status).toBe('stopped');
    expect(err.join('')).toMatch(/probe crashed/);
    // The engine's own watch ends once the experiment is stopped (nothing keeps polling AWS).
    await expect(injecting).resolves.toMatchObject({ aborted: expect.stringMatching(/runner closing/) });
  });
});

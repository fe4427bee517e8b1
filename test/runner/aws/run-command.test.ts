/** `drills run` with a stand-in for the runner core, real clients against the local fake of AWS. */
import { EventEmitter } from 'events';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCommand } from '../../../lib/cli/commands/run';
import type { runDrill } from '../../../lib/runner/run-drill';
import type { Verdict } from '../../../lib/runner/verdict';
import { startFakeAws, stackOutputs, type FakeAws } from '../../fixtures/fake-aws/fake-aws-server';
import type { FakeScenario } from '../../fixtures/fake-aws/fake-aws-state';

const saved = { ...process.env };
let fake: FakeAws;
let dir: string;

type RunDrill = typeof runDrill;

/**
 * Drives the engine the way the runner core does (start → inject → recovery → figures → close)
 * without its probe, whose AWS profile lasts about a minute; the real core runs in the e2e test.
 */
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
  fake = await startFakeAws({ initiatingMs: 50, stoppingMs: 100, ...scenario });
  Object.assign(process.env, fake.env());
  delete process.env.AWS_PROFILE;
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aws-run-'));
  const outputs = path.join(dir, 'cdk-outputs.json');
  await fs.writeFile(outputs, JSON.stringify({ Drills: stackOutputs(fake.state) }));
  const out: string[] = [];
  const err: string[] = [];
  const signals = new EventEmitter();
  const deps = { probe: async () => ({ ok: true, detail: 'stub' }), runDrill: coreStandIn, interactive: false, signals: signals as never, newRunId: () => 'run-test-1' };
  return { outputs, out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, deps, signals };
}

afterEach(async () => {
  await fake?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
  process.env = { ...saved };
});

describe('drills run', () => {
  it('rejects a run without --yes when nobody is at a terminal', async () => {
    const { outputs, io, err, deps } = await setup();
    expect(await runCommand({ drill: 'task-stop-drain', outputs }, io, deps)).toBe(2);
    expect(err.join('')).toMatch(/pass --yes/);
    expect(fake.state.calls).toHaveLength(0);
  });

  it('rejects an unknown drill before anything else, naming it', async () => {
    const { outputs, io, err, deps } = await setup();
    expect(await runCommand({ drill: 'no-such-drill', outputs }, io, deps)).toBe(2);
    expect(err.join('')).toMatch(/unknown drill 'no-such-drill'/);
    expect(fake.state.calls).toHaveLength(0);
  });

  it('fails as ABORTED without starting anything when preflight refuses', async () => {
    const { outputs, io, deps } = await setup({ alarmState: 'ALARM' });
    expect(await runCommand({ drill: 'task-stop-drain', outputs, yes: true }, io, deps)).toBe(3);
    expect(fake.state.callsTo('StartExperiment')).toHaveLength(0);
  });

  it('asks at a terminal and starts nothing when the answer is no', async () => {
    const { outputs, io, deps } = await setup();
    const asked: string[] = [];
    const code = await runCommand({ drill: 'task-stop-drain', outputs }, io, { ...deps, interactive: true, confirm: async (q) => (asked.push(q), false) });
    expect(code).toBe(3);
    expect(asked[0]).toMatch(/Start FIS template EXTfake0001 \(task-stop-drain/);
    expect(fake.state.callsTo('StartExperiment')).toHaveLength(0);
  });

  it('runs the experiment to a verdict and prints the runs JSON on stdout', async () => {
    const { outputs, io, out, deps } = await setup({ runningMs: 200 });
    const code = await runCommand({ drill: 'task-stop-drain', outputs, yes: true, json: true }, io, deps);
    expect(code).toBe(0);
    const json = JSON.parse(out.join(''));
    expect(json).toMatchObject({ verdict: 'HELD', runs: [{ drill: 'task-stop-drain', verdict: 'HELD', experimentId: 'EXPfake1', figures: { 'fault.targets': 1 } }] });
    expect(fake.state.callsTo('StartExperiment')[0].input).toMatchObject({ clientToken: 'run-test-1', tags: { drill: 'task-stop-drain', 'fis-drills:run-id': 'run-test-1', 'fis-drills:operator': 'arn:aws:sts::111122223333:assumed-role/oncall/e2e' } });
  });

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'])('stops the experiment on %s and waits for stopped before returning ABORTED', async (name) => {
    const { outputs, io, deps, signals } = await setup({ runningMs: 60_000, stoppingMs: 300 });
    const done = runCommand({ drill: 'task-stop-drain', outputs, yes: true }, io, deps);
    while (fake.state.callsTo('GetExperiment').length < 2) await new Promise((r) => setTimeout(r, 20));
    signals.emit(name);
    expect(await done).toBe(3);
    expect(fake.state.callsTo('StopExperiment')).toHaveLength(1);
    expect(fake.state.statusOf(fake.state.experiments[0]).status).toBe('stopped');
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM') + signals.listenerCount('SIGHUP')).toBe(0);
  });

  it('keeps waiting for stopped on a second Ctrl-C, and says so', async () => {
    const { outputs, io, err, deps, signals } = await setup({ runningMs: 60_000, stoppingMs: 1500 });
    const done = runCommand({ drill: 'task-stop-drain', outputs, yes: true }, io, deps);
    while (fake.state.callsTo('GetExperiment').length < 2) await new Promise((r) => setTimeout(r, 20));
    signals.emit('SIGINT');
    while (fake.state.callsTo('StopExperiment').length < 1) await new Promise((r) => setTimeout(r, 20));
    signals.emit('SIGINT');
    expect(await done).toBe(3);
    expect(fake.state.callsTo('StopExperiment')).toHaveLength(1);
    expect(fake.state.statusOf(fake.state.experiments[0]).status).toBe('stopped');
    expect(err.join('')).toMatch(/still waiting for FIS to stop EXPfake1 .*drills stop EXPfake1/);
  });

  it('starts nothing when a signal arrives before the experiment (at the confirmation)', async () => {
    const { outputs, io, err, deps, signals } = await setup();
    const confirm = async () => (signals.emit('SIGINT'), true);
    expect(await runCommand({ drill: 'task-stop-drain', outputs }, io, { ...deps, interactive: true, confirm })).toBe(3);
    expect(fake.state.callsTo('StartExperiment')).toHaveLength(0);
    expect(err.join('')).toMatch(/SIGINT: stopping; no experiment was started/);
    expect(signals.listenerCount('SIGINT')).toBe(0);
  });

  it('stops a started experiment when the runner core throws', async () => {
    const { outputs, io, err, deps } = await setup({ runningMs: 60_000 });
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


/** The preflight and stop commands, with real clients against the local fake of AWS. */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { preflightCommand } from '../../../lib/cli/commands/preflight';
import { reportCommand } from '../../../lib/cli/commands/report';
import { stopCommand } from '../../../lib/cli/commands/stop';
import { startFakeAws, stackOutputs, type FakeAws } from '../../fixtures/fake-aws/fake-aws-server';
import type { FakeScenario } from '../../fixtures/fake-aws/fake-aws-state';

const saved = { ...process.env };
let fake: FakeAws;
let dir: string;

async function setup(scenario: Partial<FakeScenario> = {}) {
  fake = await startFakeAws(scenario);
  Object.assign(process.env, fake.env());
  delete process.env.AWS_PROFILE;
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aws-cmd-'));
  const outputs = path.join(dir, 'cdk-outputs.json');
  await fs.writeFile(outputs, JSON.stringify({ DrillsWorkload: stackOutputs(fake.state), Other: { Unrelated: 'x' } }));
  const out: string[] = [];
  const err: string[] = [];
  return { outputs, out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

const probeOk = async () => ({ ok: true, detail: 'GET / → 200' });

afterEach(async () => {
  await fake?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
  process.env = { ...saved };
});

describe('drills preflight', () => {
  it('prints one line per check and exits 0 when all pass', async () => {
    const { outputs, out, io } = await setup();
    const code = await preflightCommand({ drill: 'task-stop-drain', outputs }, io, { probe: probeOk });
    expect(code).toBe(0);
    expect(out.join('')).toMatch(/^ok {4} {2}account/m);
    expect(out).toHaveLength(8);
  });

  it('prints only the preflight object on stdout with --json', async () => {
    const { outputs, out, io } = await setup();
    await preflightCommand({ drill: 'task-stop-drain', outputs, json: true }, io, { probe: probeOk });
    const parsed = JSON.parse(out.join(''));
    expect(parsed.ok).toBe(true);
    expect(parsed.checks[0]).toEqual({ name: 'account', ok: true, detail: expect.any(String) });
  });

  it('fails with exit 1 when a stop-condition alarm is in INSUFFICIENT_DATA', async () => {
    const { outputs, out, io } = await setup({ alarmState: 'INSUFFICIENT_DATA' });
    expect(await preflightCommand({ drill: 'task-stop-drain', outputs }, io, { probe: probeOk })).toBe(1);
    expect(out.join('')).toMatch(/FAILED {2}alarm drills-demo-error-rate +INSUFFICIENT_DATA/);
    expect(await preflightCommand({ drill: 'task-stop-drain', outputs, allowInsufficientData: true }, io, { probe: probeOk })).toBe(0);
  });

  it('refuses an account other than --account', async () => {
    const { outputs, io } = await setup();
    expect(await preflightCommand({ drill: 'task-stop-drain', outputs, account: '444455556666' }, io, { probe: probeOk })).toBe(1);
  });

  it('rejects an unknown drill and a missing outputs file as usage errors', async () => {
    const { io, err } = await setup();
    expect(await preflightCommand({ drill: 'no-such-drill', outputs: 'x.json' }, io)).toBe(2);
    expect(await preflightCommand({ drill: 'task-stop-drain', outputs: path.join(dir, 'missing.json') }, io)).toBe(2);
    expect(err.join('')).toMatch(/unknown drill 'no-such-drill'[\s\S]*cannot read outputs file/);
  });

  it('never starts an experiment', async () => {
    const { outputs, io } = await setup();
    await preflightCommand({ drill: 'task-stop-drain', outputs }, io, { probe: probeOk });
    expect(fake.state.callsTo('StartExperiment')).toHaveLength(0);
  });
});

describe('drills stop', () => {
  it('stops only the active experiments this tool started for the caller', async () => {
    const { io, out } = await setup({ initiatingMs: 10, stoppingMs: 50 });
    const me = 'arn:aws:sts::111122223333:assumed-role/oncall/e2e';
    fake.state.start('EXTfake0001', 't1', { 'fis-drills:run-id': 'r1', 'fis-drills:operator': me });
    fake.state.start('EXTfake0001', 't2', { 'fis-drills:run-id': 'r2', 'fis-drills:operator': 'arn:someone-else' });
    fake.state.start('EXTfake0001', 't3', { drill: 'scheduled' });
    expect(await stopCommand({ allMine: true, pollMs: 20 }, io)).toBe(0);
    expect(fake.state.callsTo('StopExperiment').map((c) => (c.input as { id: string }).id)).toEqual(['EXPfake1']);
    expect(out.join('')).toMatch(/ok {6}EXPfake1 {2}stopped/);
  });

  it('rejects both an id and --all-mine, or neither', async () => {
    const { io } = await setup();
    expect(await stopCommand({}, io)).toBe(2);
    expect(await stopCommand({ experimentId: 'E', allMine: true }, io)).toBe(2);
  });

  it('fails with exit 5 when the experiment does not exist', async () => {
    const { io, out } = await setup();
    expect(await stopCommand({ experimentId: 'EXPnope' }, io)).toBe(5);
    expect(out.join('')).toMatch(/FAILED {2}EXPnope {2}GetExperiment failed \(nothing was stopped\): ResourceNotFoundException/);
  });
});

describe('drills report', () => {
  it('writes evidence for a scheduled experiment, judging only what AWS measured', async () => {
    const { outputs, io, out, err } = await setup({ initiatingMs: 10, runningMs: 50 });
    const e = fake.state.start('EXTfake0001', 'scheduler', { drill: 'task-stop-drain' });
    await new Promise((r) => setTimeout(r, 3200));
    const evidence = path.join(dir, 'evidence');
    const code = await reportCommand({ experimentId: e.id, outputs, out: evidence, json: true }, io);
    const json = JSON.parse(out.join(''));
    expect(json).toMatchObject({ verdict: 'HELD', runs: [{ drill: 'task-stop-drain', experimentId: e.id, figures: { 'tasks.sigkilled': 0 } }] });
    expect(code).toBe(0);
    const journal = JSON.parse(await fs.readFile(path.join(evidence, 'task-stop-drain', e.id, 'journal.json'), 'utf8'));
    expect(journal).toMatchObject({ schema: 'fis-drills/journal@1', mode: 'aws', experimentId: e.id, judgement: { verdict: 'HELD', notJudged: ['streams.broken', 'requests.errorRate'] } });
    expect(journal.timeline.map((t: { kind: string }) => t.kind)).toContain('task-exited');
    expect(await fs.readFile(path.join(evidence, 'task-stop-drain', e.id, 'report.md'), 'utf8')).toMatch(/^# Cooperative task stop drains in-flight streams — HELD/);
    expect(err.join('')).toMatch(/not judged/);
    expect(fake.state.callsTo('StartExperiment')).toHaveLength(0);
  });

  it('fails with exit 5 for an experiment FIS does not know', async () => {
    const { outputs, io, err } = await setup();
    expect(await reportCommand({ experimentId: 'EXPnope', outputs, out: path.join(dir, 'ev') }, io)).toBe(5);
    expect(err.join('')).toMatch(/ResourceNotFoundException/);
  });
});

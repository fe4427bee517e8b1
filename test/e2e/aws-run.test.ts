/**
 * End to end: the real CLI process (`node dist/bin/drills.js run …`) against a local fake of
 * the AWS endpoints (reached through AWS_ENDPOINT_URL_*) and the demo service as the probe
 * target. SIGINT mid-experiment must make the runner call StopExperiment, wait for `stopped`,
 * write a journal that says ABORTED, exit 3, and leave no process behind. Needs `npm run build`
 * first (npm test does it). Bounded: the whole test takes about 13 s on an idle machine, and
 * is cut at 150 s, the sum of its waits' bounds (90 s to the probe, 30 s to the experiment, 20 s to exit) and margin.
 */
import { spawn, type ChildProcess } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startFakeAws, type FakeAws } from '../fixtures/fake-aws/fake-aws-server';
import { synthesizedTemplates } from '../fixtures/fake-aws/synthesized-templates';
import { startService, stopAllServices, type ServiceProcess } from '../helpers/service-process';
import { survivorsOf } from '../helpers/run-processes';
import { processesWithEnv } from '../cli/drills-cli';

const BUILT_CLI = path.resolve(__dirname, '../../dist/bin/drills.js');
/** Every process the CLI starts inherits this variable; none may be alive once it has exited. */
const MARKER = 'DRILLS_AWS_E2E_MARKER';

let fake: FakeAws | undefined;
let service: ServiceProcess | undefined;
let cli: ChildProcess | undefined;
let dir: string | undefined;

// The strict fake is built from the synthesized app: synthesize (or read the cache) first.
beforeAll(() => void synthesizedTemplates(), 240_000);

afterEach(async () => {
  if (cli?.pid && cli.exitCode === null && cli.signalCode === null) {
    try {
      process.kill(-cli.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  await stopAllServices();
  await fake?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

/** Waits for `check`; fails at once, with the CLI's output, if the CLI has already exited (a bad build, an unknown command). */
async function until(what: string, check: () => boolean, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (cli && (cli.exitCode !== null || cli.signalCode !== null)) throw new Error(`the CLI exited (${cli.exitCode ?? cli.signalCode}) before ${what}; its output:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; CLI output:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function findJournal(root: string): Promise<string | undefined> {
  for (const entry of await fs.readdir(root, { withFileTypes: true, recursive: true } as never)) {
    const e = entry as unknown as { name: string; parentPath?: string; path?: string; isFile(): boolean };
    if (e.isFile() && e.name === 'journal.json') return path.join(e.parentPath ?? e.path ?? root, e.name);
  }
  return undefined;
}

describe('drills run against a fake AWS (end to end)', () => {
  it('stops the FIS experiment on SIGINT, waits for stopped, and records ABORTED', async () => {
    fake = await startFakeAws({ scenario: { initiatingMs: 200, runningMs: 120_000, stoppingMs: 1000 } });
    service = await startService({ env: { TASK_ID: 'task0001', ZONE: 'eu-west-1a' } });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aws-e2e-'));
    const outputs = path.join(dir, 'cdk-outputs.json');
    const out = path.join(dir, 'evidence');
    await fs.writeFile(outputs, JSON.stringify(fake.outputs(`http://127.0.0.1:${service.port}`)));

    let output = '';
    const marker = path.basename(dir);
    // Its own process group, so a failed test can kill whatever the CLI started with it.
    cli = spawn(process.execPath, [BUILT_CLI, 'run', 'task-stop-drain', '--outputs', outputs, '--yes', '--out', out], {
      cwd: path.resolve(__dirname, '../..'),
      detached: true,
      env: { ...process.env, ...fake.env(), [MARKER]: marker, AWS_PROFILE: '', AWS_CONFIG_FILE: path.join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none') },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    cli.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    cli.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => cli!.on('exit', (code) => resolve(code)));

    const state = fake.state;
    // Two stages, each bounded by what it waits on. Loading the CLI, preflight and the steady-state
    // gate (each reads a whole demo stream, 5.5 s) are CPU-bound: a few seconds on an idle machine, over
    // 30 s on two loaded cores. Then the probe's AWS warm-up (10 s, real time) before StartExperiment.
    await until(
      'the probe to start',
      () => output.includes('probe-started'),
      90_000,
      () => output,
    );
    await until(
      'the experiment to be running',
      () => state.experiments.length > 0 && state.statusOf(state.experiments[0]).status === 'running' && state.callsTo('GetExperiment').length > 0,
      30_000,
      () => output,
    );
    // The marker finds the live CLI, so an empty list after exit means something.
    expect(processesWithEnv(MARKER, marker)).toContain(cli.pid);
    cli.kill('SIGINT');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 20_000)))]);
    clearTimeout(timer);

    expect({ code, output }).toEqual({ code: 3, output: expect.any(String) });
    expect(output).toMatch(/SIGINT: stopping the experiment/);
    expect(state.callsTo('StartExperiment')).toHaveLength(1);
    expect(state.callsTo('StopExperiment')).toHaveLength(1);
    expect(state.statusOf(state.experiments[0]).status).toBe('stopped');
    // The runner waited for `stopped`: it asked FIS again after StopExperiment until it said so.
    const stopAt = state.calls.findIndex((c) => c.operation === 'StopExperiment');
    expect(state.calls.slice(stopAt + 1).some((c) => c.operation === 'GetExperiment')).toBe(true);
    const journalFile = await findJournal(out);
    expect(journalFile).toBeDefined();
    const journal = JSON.parse(await fs.readFile(journalFile as string, 'utf8'));
    expect(journal).toMatchObject({ mode: 'aws', experimentId: state.experiments[0].id, judgement: { verdict: 'ABORTED' } });
    expect(journal.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['probe-started', 'aborted', 'run-ended']));
    expect(journal.samples.streams.length).toBeGreaterThan(0);
    await expect(fs.readFile(path.join(path.dirname(journalFile as string), 'report.md'), 'utf8')).resolves.toContain('ABORTED');
    expect(await survivorsOf(MARKER, marker)).toEqual([]);
  }, 150_000);
});

/**
 * End to end: `drills run` against the fake FIS (AWS_ENDPOINT_URL_*) and the demo service,
 * interrupted the ways an operator's session ends — SIGHUP (terminal closed, SSH dropped) to the
 * built CLI, and Ctrl-C to a run started through `npx` (npm exits at once or waits, by version
 * and platform: npm/cli#7511, #7693). Either
 * way the runner must send StopExperiment, wait for `stopped`, finish an ABORTED journal, and
 * leave no process behind. Needs `npm run build` first (npm test does it).
 */
import { spawn, type ChildProcess } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startFakeAws, type FakeAws } from '../fixtures/fake-aws/fake-aws-server';
import { synthesizedTemplates } from '../fixtures/fake-aws/synthesized-templates';
import { startService, stopAllServices, type ServiceProcess } from '../helpers/service-process';
import { pollUntil, survivorsOf } from '../helpers/run-processes';
import { DRILLS_JS, ROOT } from '../cli/drills-cli';

const MARKER = 'DRILLS_AWS_SIGNALS_MARKER';
/** FIS takes this long from StopExperiment to `stopped` in the fake. */
const STOPPING_MS = 1000;

let fake: FakeAws | undefined;
let service: ServiceProcess | undefined;
let child: ChildProcess | undefined;
let dir: string | undefined;

beforeAll(() => void synthesizedTemplates(), 240_000);

afterEach(async () => {
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  await stopAllServices();
  await fake?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

/** The environment of a shell that was not started by npm (jest itself may have been). */
function withoutNpm(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_/i.test(k)));
}

/** A run of task-stop-drain through `argv`, in its own process group; resolves on close with everything it wrote. */
async function startRun(argv: readonly string[]) {
  fake = await startFakeAws({ scenario: { initiatingMs: 200, runningMs: 120_000, stoppingMs: STOPPING_MS } });
  service = await startService({ env: { TASK_ID: 'task0001', ZONE: 'eu-west-1a' } });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aws-signals-'));
  const outputs = path.join(dir, 'cdk-outputs.json');
  const out = path.join(dir, 'evidence');
  await fs.writeFile(outputs, JSON.stringify(fake.outputs(`http://127.0.0.1:${service.port}`)));
  const marker = path.basename(dir);
  const env = { ...withoutNpm(process.env), ...fake.env(), [MARKER]: marker, AWS_PROFILE: '', AWS_CONFIG_FILE: path.join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none') };
  const proc = spawn(argv[0], [...argv.slice(1), 'run', 'task-stop-drain', '--outputs', outputs, '--yes', '--out', out], { cwd: ROOT, detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  let output = '';
  proc.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => proc.on('exit', (code) => resolve({ code, at: Date.now() })));
  const closed = new Promise<void>((resolve) => proc.on('close', () => resolve()));
  const state = fake.state;
  const running = await pollUntil(() => state.experiments.length > 0 && state.statusOf(state.experiments[0]).status === 'running' && state.callsTo('GetExperiment').length > 0, 120_000, 100);
  if (!running) throw new Error(`the experiment never ran; output:\n${output}`);
  return { proc, state, marker, out, exited, closed, output: () => output };
}

async function journalIn(out: string): Promise<{ endedAt?: string; experimentId?: string; judgement?: { verdict: string }; timeline: { kind: string }[] } | undefined> {
  try {
    const drillDir = path.join(out, 'task-stop-drain');
    const [runId] = await fs.readdir(drillDir);
    return JSON.parse(await fs.readFile(path.join(drillDir, runId, 'journal.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

describe('drills run interrupted as a session ends', () => {
  it('on SIGHUP stops the experiment, finishes an ABORTED journal and exits 3 within 5 s of FIS saying stopped', async () => {
    const run = await startRun([process.execPath, DRILLS_JS]);
    process.kill(run.proc.pid as number, 'SIGHUP');
    const { code, at } = await run.exited;
    await run.closed;
    expect({ code, output: run.output() }).toEqual({ code: 3, output: expect.stringContaining('SIGHUP: stopping the experiment') });
    expect(run.output()).not.toContain('started through');
    expect(run.state.callsTo('StopExperiment')).toHaveLength(1);
    const experiment = run.state.experiments[0];
    expect(run.state.statusOf(experiment).status).toBe('stopped');
    // "Within 5 s of FIS saying stopped": FIS said so STOPPING_MS after the stop was asked for, and
    // the runner's poll (its pause capped at 5 s) asked again within 5 s of that. After it, only
    // the evidence is left to write: CPU work, about a second idle, ~10 s on two loaded cores, so
    // the exit itself gets a bound that tells "writing" from "still waiting" (the 3-minute wait).
    const saidStoppedAt = (experiment.stopRequestedAt as number) + STOPPING_MS;
    const sawStopped = run.state.callsTo('GetExperiment').find((c) => (c.atMs as number) >= saidStoppedAt);
    expect(sawStopped).toEqual(expect.objectContaining({ atMs: expect.any(Number) }));
    expect((sawStopped?.atMs as number) - saidStoppedAt).toBeLessThan(5000);
    expect(at - (sawStopped?.atMs as number)).toBeLessThan(60_000);
    const journal = await journalIn(run.out);
    expect(journal).toMatchObject({ experimentId: experiment.id, judgement: { verdict: 'ABORTED' }, endedAt: expect.any(String) });
    expect(journal?.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['aborted', 'run-ended']));
    expect(await survivorsOf(MARKER, run.marker)).toEqual([]);
  }, 200_000);

  it('started through npx and interrupted with Ctrl-C, still stops the experiment and writes an ABORTED journal', async () => {
    const run = await startRun(['npx', '--no-install', 'drills']);
    expect(run.output()).toContain('drills run: started through npx/npm exec');
    // Ctrl-C: SIGINT to the whole foreground group, npm and the runner alike.
    process.kill(-(run.proc.pid as number), 'SIGINT');
    await run.exited; // npm: at once, or once the runner is done (npm 11 on Linux waits)
    const finished = await pollUntil(() => run.state.statusOf(run.state.experiments[0]).status === 'stopped' && run.state.callsTo('StopExperiment').length === 1, 60_000, 100);
    expect(finished).toBe(true);
    // The runner outlives npm: wait for every writer of the pipes to close, then for its journal.
    await run.closed;
    const journal = await journalIn(run.out);
    expect(journal).toMatchObject({ judgement: { verdict: 'ABORTED' }, endedAt: expect.any(String) });
    expect(run.output()).toContain('SIGINT: stopping the experiment');
    expect(await survivorsOf(MARKER, run.marker)).toEqual([]);
  }, 200_000);
});

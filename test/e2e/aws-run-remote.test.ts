/**
 * End to end: `drills run --remote` as the built CLI, against the strict fake AWS synthesized
 * with game days on. The fake's RunTask of the runner task definition starts the built CLI again
 * as the runner container's process (its command override, the fake endpoints and the fake S3 in
 * its environment), its output is the task's log stream, and StopTask sends it SIGTERM. So both
 * sides are real processes: the laptop's CLI (RunTask, DescribeTasks, GetLogEvents, StopTask,
 * S3 reads) and the runner's (preflight, FIS, probe, journal to S3). Needs `npm run build`
 * first (npm test does it).
 */
import { spawn, type ChildProcess } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OPTIONAL_OUTPUT_KEYS, RUNNER_ENV } from '../../lib/contract';
import { startFakeAws, type FakeAws } from '../fixtures/fake-aws/fake-aws-server';
import { deployByResolving } from '../fixtures/fake-aws/fake-deployment';
import { synthesizedTemplates, type SynthOptions } from '../fixtures/fake-aws/synthesized-templates';
import type { FakeScenario } from '../fixtures/fake-aws/fake-aws-state';
import { startFakeS3, type FakeS3 } from '../fixtures/fake-s3/fake-s3-server';
import { startService, stopAllServices } from '../helpers/service-process';
import { pollUntil, survivorsOf } from '../helpers/run-processes';
import { DRILLS_JS } from '../cli/drills-cli';

const SYNTH: SynthOptions = { config: { drills: { gameDays: true, deadMansSwitch: true } } };
/** Every process of a test carries it: the laptop's CLI, the runner's, anything they start. */
const MARKER = 'DRILLS_REMOTE_E2E_MARKER';

let fake: FakeAws | undefined;
let s3: FakeS3 | undefined;
let cli: ChildProcess | undefined;
let dir: string | undefined;

beforeAll(() => void synthesizedTemplates(SYNTH), 240_000);

afterEach(async () => {
  if (cli?.pid && cli.exitCode === null && cli.signalCode === null) {
    try {
      process.kill(-cli.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  await fake?.close();
  await s3?.close();
  await stopAllServices();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
  fake = s3 = cli = dir = undefined;
});

interface Started {
  readonly fake: FakeAws;
  readonly s3: FakeS3;
  readonly bucket: string;
  readonly out: string;
  readonly marker: string;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/** The demo service, the fake S3 holding the runner's bucket, the fake AWS running the built CLI as the runner task, and the laptop's `drills run --remote`. */
async function startRemoteRun(scenario: Partial<FakeScenario>, extraArgs: readonly string[] = []): Promise<Started> {
  const service = await startService({ env: { TASK_ID: 'task0001', ZONE: 'eu-west-1a' } });
  const serviceUrl = `http://127.0.0.1:${service.port}`;
  const drillsStack = Object.values(deployByResolving(synthesizedTemplates(SYNTH)).outputs).find((o) => OPTIONAL_OUTPUT_KEYS.evidenceBucketName in o);
  const bucket = drillsStack?.[OPTIONAL_OUTPUT_KEYS.evidenceBucketName] as string;
  s3 = await startFakeS3({ buckets: [bucket] });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'remote-e2e-'));
  const marker = path.basename(dir);
  fake = await startFakeAws({
    synth: SYNTH,
    scenario,
    // The runner reads the outputs with DescribeStacks: its ServiceUrl is the local demo service.
    amend: (d) => ({ ...d, outputs: Object.fromEntries(Object.entries(d.outputs).map(([stack, o]) => [stack, 'ServiceUrl' in o ? { ...o, ServiceUrl: serviceUrl } : o])) }),
    // The task has no checkout: only what its task definition carries (DRILLS_SERVICE_PROFILE among it).
    runner: { entry: DRILLS_JS, cwd: await fs.mkdtemp(path.join(dir, 'task-')), env: { ...s3.env(), [MARKER]: marker }, provisioningMs: 300 },
  });
  const outputs = path.join(dir, 'cdk-outputs.json');
  await fs.writeFile(outputs, JSON.stringify(fake.outputs(serviceUrl)));
  const out = path.join(dir, 'evidence');
  const env = {
    ...process.env,
    ...fake.env(),
    ...s3.env(),
    [MARKER]: marker,
    AWS_PROFILE: '',
    AWS_CONFIG_FILE: path.join(dir, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none'),
  };
  let output = '';
  const proc = spawn(process.execPath, [DRILLS_JS, 'run', 'task-stop-drain', '--remote', '--outputs', outputs, '--yes', '--out', out, ...extraArgs], {
    cwd: dir,
    detached: true,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cli = proc;
  proc.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)));
  return { fake, s3, bucket, out, marker, output: () => output, exited };
}

async function localJournal(out: string): Promise<{ file: string; journal: { runId: string; experimentId?: string; judgement?: { verdict: string }; timeline: { kind: string }[] } }> {
  const [run] = await fs.readdir(path.join(out, 'task-stop-drain'));
  const file = path.join(out, 'task-stop-drain', run, 'journal.json');
  return { file, journal: JSON.parse(await fs.readFile(file, 'utf8')) };
}

describe('drills run --remote (the runner task as a real process behind the fake ECS)', () => {
  it('runs the drill on the runner task, follows its log, fetches its evidence and exits with its verdict', async () => {
    const run = await startRemoteRun({ initiatingMs: 200, runningMs: 1500, stoppingMs: 300 }, ['--json']);
    const code = await Promise.race([run.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 150_000).unref())]);
    const output = run.output();
    const [task] = run.fake.runnerTasks.tasks;
    const { journal } = await localJournal(run.out);
    const json = JSON.parse(output.slice(output.indexOf('{\n'), output.lastIndexOf('}') + 1)) as { verdict: string; runs: { verdict: string; evidence: string; experimentId?: string }[] };
    expect({ code, remoteExit: task.exitCode, verdict: journal.judgement?.verdict }).toEqual({ code: 0, remoteExit: 0, verdict: 'HELD' });
    expect(json).toMatchObject({ verdict: 'HELD', runs: [{ verdict: 'HELD', evidence: path.join(run.out, 'task-stop-drain', journal.runId), experimentId: run.fake.state.experiments[0].id }] });
    // The task ran the same drill unattended, with the run id chosen here, into the runner's prefix.
    expect(task.command).toEqual(expect.arrayContaining(['run', 'task-stop-drain', '--yes', '--run-id', journal.runId, '--out', `s3://${run.bucket}/game-days/drills-demo`]));
    expect(task.tags).toMatchObject({ 'fis-drills:run-id': journal.runId, 'fis-drills:operator': 'arn:aws:sts::111122223333:assumed-role/oncall/e2e', trigger: 'remote' });
    expect(task.startedBy).toBe('drills-remote/assumed-role/oncall/e2e');
    // Progress and the runner's own log lines reached the laptop's stderr.
    expect(output).toMatch(/runner task [0-9a-f]{32}: PROVISIONING[\s\S]*runner task [0-9a-f]{32}: RUNNING[\s\S]*runner task [0-9a-f]{32}: STOPPED/);
    expect(output).toContain(`  | HELD  task-stop-drain  experiment ${run.fake.state.experiments[0].id}`);
    // The evidence the runner wrote to S3 is on this machine, file for file.
    const remoteFiles = run.s3.keys(run.bucket).filter((k) => k.startsWith(`game-days/drills-demo/task-stop-drain/${journal.runId}/`));
    const localFiles = await fs.readdir(path.join(run.out, 'task-stop-drain', journal.runId));
    expect(localFiles.sort()).toEqual(remoteFiles.map((k) => path.posix.basename(k)).sort());
    expect(localFiles).toEqual(expect.arrayContaining(['journal.json', 'report.md', 'report.html', 'junit.xml']));
    expect(run.fake.state.callsTo('GetLogEvents').length).toBeGreaterThan(0);
    expect(run.fake.state.callsTo('StopTask')).toEqual([]);
    // An operator's run pages nobody unless asked (--notify): RunTask blanked the task definition's topic.
    expect(task.environment[RUNNER_ENV.notifyTopicArn]).toBe('');
    expect(run.fake.deployment.runnerTask?.environment[RUNNER_ENV.notifyTopicArn]).toMatch(/^arn:aws:sns:/);
    expect(run.fake.state.callsTo('Publish')).toEqual([]);
    expect(await survivorsOf(MARKER, run.marker)).toEqual([]);
  }, 200_000);

  it('forwards SIGINT as StopTask: the runner gets SIGTERM, stops the experiment, its ABORTED journal is fetched, exit 3', async () => {
    const run = await startRemoteRun({ initiatingMs: 200, runningMs: 120_000, stoppingMs: 500 });
    const state = run.fake.state;
    const running = await pollUntil(() => state.experiments.length > 0 && state.statusOf(state.experiments[0]).status === 'running', 120_000, 100);
    if (!running) throw new Error(`the remote run never started its experiment; output:\n${run.output()}`);
    const [task] = run.fake.runnerTasks.tasks;
    expect(task.lastStatus).toBe('RUNNING');

    process.kill(cli?.pid as number, 'SIGINT');
    const code = await Promise.race([run.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 90_000).unref())]);
    const output = run.output();
    expect({ code, output }).toEqual({ code: 3, output: expect.stringContaining('SIGINT: stopping the runner task') });
    expect(state.callsTo('StopTask')).toHaveLength(1);
    // ECS's SIGTERM was enough: the runner stopped within its stopTimeout, no SIGKILL.
    expect({ signals: task.signalsSent, remoteExit: task.exitCode, stopCode: task.stopCode }).toEqual({ signals: ['SIGTERM'], remoteExit: 3, stopCode: 'UserInitiated' });
    expect(state.callsTo('StopExperiment')).toHaveLength(1);
    expect(state.statusOf(state.experiments[0]).status).toBe('stopped');
    expect(output).toContain('  | drills run: SIGTERM: stopping the experiment');
    const { journal } = await localJournal(run.out);
    expect(journal).toMatchObject({ experimentId: state.experiments[0].id, judgement: { verdict: 'ABORTED' } });
    expect(journal.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['aborted', 'run-ended']));
    const stored = JSON.parse(run.s3.object(run.bucket, `game-days/drills-demo/task-stop-drain/${journal.runId}/journal.json`)?.body ?? '{}') as { judgement?: { verdict: string } };
    expect(stored.judgement?.verdict).toBe('ABORTED');
    expect(await survivorsOf(MARKER, run.marker)).toEqual([]);
  }, 200_000);
});

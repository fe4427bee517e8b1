/**
 * End to end: the runner task knows its service only from its task definition. The app is
 * synthesized with a team's own traffic (a chat gateway's NDJSON stream and model list behind a
 * bearer token, nothing like the demo's), the strict fake's RunTask starts the built CLI as the
 * runner with the task definition's environment (DRILLS_SERVICE_PROFILE among it) in a folder
 * with no cdk.json and no package.json, and `drills run --remote` on the "laptop" follows it. The
 * team's paths reach the gateway on 127.0.0.1 and the verdict comes back; a profile that is not
 * JSON ends the runner with exit 2 and the fix in its log. Needs `npm run build` first.
 */
import { spawn, type ChildProcess } from 'child_process';
import { randomUUID } from 'crypto';
import { promises as fs, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OPTIONAL_OUTPUT_KEYS, RUNNER_ENV } from '../../lib/contract';
import type { FakeDeployment } from '../fixtures/fake-aws/fake-deployment';
import { startFakeAws, type FakeAws } from '../fixtures/fake-aws/fake-aws-server';
import { deployByResolving } from '../fixtures/fake-aws/fake-deployment';
import { synthesizedTemplates, type SynthOptions } from '../fixtures/fake-aws/synthesized-templates';
import { startFakeS3, type FakeS3 } from '../fixtures/fake-s3/fake-s3-server';
import { pollUntil, survivorsOf } from '../helpers/run-processes';
import { DRILLS_JS, ROOT } from '../cli/drills-cli';
import { freePort } from '../../lib/runner/local/free-port';

const TEAM_TRAFFIC = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/traffic/chat-ndjson.json'), 'utf8')) as Record<string, unknown>;
const SYNTH: SynthOptions = { config: { service: { traffic: TEAM_TRAFFIC as never }, drills: { gameDays: true, deadMansSwitch: true } } };
const MARKER = 'DRILLS_REMOTE_PROFILE_E2E_MARKER';
const TOKEN = `sk-drill-${randomUUID()}`;

let fake: FakeAws | undefined;
let s3: FakeS3 | undefined;
let cli: ChildProcess | undefined;
let gateway: ChildProcess | undefined;
let dir: string | undefined;

beforeAll(() => void synthesizedTemplates(SYNTH), 240_000);

afterEach(async () => {
  for (const child of [cli, gateway]) {
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('close', r));
      try {
        process.kill(child === cli ? -child.pid : child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      await gone;
    }
  }
  await fake?.close();
  await s3?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
  fake = s3 = cli = gateway = dir = undefined;
});

/** The team's service: test/fixtures/services/chat-gateway.js on 127.0.0.1, one JSON line per call (`{ call, status }`). */
async function startGateway(): Promise<{ url: string; calls: () => { call: string; status: number }[] }> {
  const port = await freePort();
  let out = '';
  const child = spawn(process.execPath, [path.join(ROOT, 'test/fixtures/services/chat-gateway.js')], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', API_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  gateway = child;
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  const lines = () => out.split('\n').flatMap((l) => (l.startsWith('{') ? [JSON.parse(l) as Record<string, unknown>] : []));
  if (!(await pollUntil(() => lines().some((l) => l.msg === 'started'), 15_000))) throw new Error(`the chat gateway did not start: ${out}`);
  return { url: `http://127.0.0.1:${port}`, calls: () => lines().filter((l) => typeof l.call === 'string') as { call: string; status: number }[] };
}

/** `drills run task-stop-drain --remote --json` on the laptop; the runner runs in `runnerCwd` with the task definition's environment, changed by `amendEnv`. */
async function remoteRun(serviceUrl: string, marker: string, amendEnv: (env: Record<string, string>) => Record<string, string> = (e) => e, extraArgs: (fake: FakeAws) => string[] = () => []) {
  const drillsStack = Object.values(deployByResolving(synthesizedTemplates(SYNTH)).outputs).find((o) => OPTIONAL_OUTPUT_KEYS.evidenceBucketName in o);
  s3 = await startFakeS3({ buckets: [drillsStack?.[OPTIONAL_OUTPUT_KEYS.evidenceBucketName] as string] });
  const runnerCwd = path.join(dir as string, 'task');
  await fs.mkdir(runnerCwd);
  const amend = (d: FakeDeployment): FakeDeployment => ({
    ...d,
    outputs: Object.fromEntries(Object.entries(d.outputs).map(([stack, o]) => [stack, 'ServiceUrl' in o ? { ...o, ServiceUrl: serviceUrl } : o])),
    ...(d.runnerTask ? { runnerTask: { ...d.runnerTask, environment: amendEnv({ ...d.runnerTask.environment }) } } : {}),
  });
  // The token is the task's own secret; the profile says only where to read it (`${env:API_TOKEN}`).
  fake = await startFakeAws({ synth: SYNTH, amend, runner: { entry: DRILLS_JS, cwd: runnerCwd, env: { ...s3.env(), [MARKER]: marker, API_TOKEN: TOKEN }, provisioningMs: 300 } });
  const outputs = path.join(dir as string, 'cdk-outputs.json');
  await fs.writeFile(outputs, JSON.stringify(fake.outputs(serviceUrl)));
  const out = path.join(dir as string, 'evidence');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...fake.env(),
    ...s3.env(),
    [MARKER]: marker,
    AWS_PROFILE: '',
    AWS_CONFIG_FILE: path.join(dir as string, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir as string, 'none'),
  };
  delete env[RUNNER_ENV.serviceProfile];
  let stdout = '';
  let stderr = '';
  const proc = spawn(process.execPath, [DRILLS_JS, 'run', 'task-stop-drain', '--remote', '--outputs', outputs, '--yes', '--json', '--out', out, ...extraArgs(fake)], {
    cwd: dir,
    detached: true,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cli = proc;
  proc.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  proc.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null | 'timeout'>((resolve) => {
    proc.on('close', (c) => resolve(c));
    setTimeout(() => resolve('timeout'), 150_000).unref();
  });
  return { code, stdout, stderr, runnerCwd, out, task: (fake as FakeAws).runnerTasks.tasks[0] };
}

describe('drills run --remote: the runner knows its service only from its task definition', () => {
  it("probes the team's own traffic from DRILLS_SERVICE_PROFILE, with no cdk.json where it runs, and returns the verdict", async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'remote-profile-e2e-'));
    const marker = path.basename(dir);
    const service = await startGateway();
    let topic = '';
    const run = await remoteRun(service.url, marker, undefined, (f) => ['--notify', (topic = f.deployment.topics[0])]);
    expect(await fs.readdir(run.runnerCwd)).toEqual([]);
    if (!run.stdout.trim()) throw new Error(`no JSON on stdout (exit ${String(run.code)}); stderr:\n${run.stderr}`);
    const result = JSON.parse(run.stdout) as { verdict: string; runs: { verdict: string; evidence: string }[] };
    expect({ code: run.code, remoteExit: run.task.exitCode, verdict: result.verdict }).toEqual({ code: 0, remoteExit: 0, verdict: 'HELD' });
    // The team's paths reached the gateway, authorized; none of the demo's did.
    const calls = service.calls();
    expect(calls).toEqual(
      expect.arrayContaining([
        { call: 'GET /v1/models', status: 200 },
        { call: 'POST /v1/generate', status: 200 },
      ]),
    );
    // Preflight checks the service URL itself (`GET /`: the gateway answers 404 there); every traffic call was 200.
    expect(calls.filter((c) => c.status !== 200 && c.call !== 'GET /')).toEqual([]);
    expect(calls.filter((c) => /\/v1\/(stream|jobs)/.test(c.call))).toEqual([]);
    // The journal says where the config came from: the task's profile, and the traffic it sent.
    const journal = JSON.parse(await fs.readFile(path.join(result.runs[0].evidence, 'journal.json'), 'utf8')) as { provenance: { config: string }; settings: unknown };
    expect(journal.provenance.config).toMatch(/^DRILLS_SERVICE_PROFILE \(the runner task's service profile, sha256 [0-9a-f]{12}\)$/);
    expect(JSON.stringify(journal.settings)).toContain('"path":"/v1/models"');
    // Asked with --notify, the run pages that topic (the task definition's stays as it is).
    expect(run.task.environment[RUNNER_ENV.notifyTopicArn]).toBe(topic);
    expect((fake as FakeAws).state.callsTo('Publish').map((c) => (c.input as Record<string, string>).TopicArn)).toEqual([topic]);
    expect(await survivorsOf(MARKER, marker)).toEqual([]);
  }, 240_000);

  it('ends the runner with exit 2 and the fix when its DRILLS_SERVICE_PROFILE is not JSON', async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'remote-profile-e2e-'));
    const marker = path.basename(dir);
    const service = await startGateway();
    const run = await remoteRun(service.url, marker, (env) => ({ ...env, [RUNNER_ENV.serviceProfile]: '{"name": "drills-demo", "traffic": ' }));
    expect(run.task.exitCode).toBe(2);
    const log = run.task.log.map((l) => l.message).join('\n');
    expect(log).toMatch(/DRILLS_SERVICE_PROFILE is not JSON .* it is written at synth by the game-day runner construct: .* and redeploy/);
    expect(run.stderr).toContain('DRILLS_SERVICE_PROFILE is not JSON');
    expect(run.code).toBe(2);
    // --json answers on stdout even so: no verdict, the exit code, why, and the runner's own words.
    const result = JSON.parse(run.stdout) as { verdict: unknown; runs: unknown[]; exitCode: number; reason: string; runnerLog: string[] };
    expect(result).toMatchObject({ verdict: null, runs: [], exitCode: 2, reason: expect.stringContaining('the runner task refused its command line') });
    expect(result.runnerLog.filter((l) => l.includes('DRILLS_SERVICE_PROFILE is not JSON'))).toHaveLength(1);
    expect(service.calls()).toEqual([]);
    expect(await survivorsOf(MARKER, marker)).toEqual([]);
  }, 240_000);
});

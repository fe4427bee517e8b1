/**
 * End to end: the built CLI runs a drill against the fake FIS with `--out s3://…` pointed at a
 * local S3-compatible fake (AWS_ENDPOINT_URL_S3), and is killed with SIGTERM mid-experiment — as
 * ECS stops a game-day task. The journal must already be in the bucket while the fault is in
 * (uploaded as the run goes), and end ABORTED with the reports and JUnit next to it; then
 * `drills history --out s3://…` reads the run back. Needs `npm run build` first (npm test does it).
 */
import { spawn, type ChildProcess } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startFakeAws, type FakeAws } from '../fixtures/fake-aws/fake-aws-server';
import { synthesizedTemplates } from '../fixtures/fake-aws/synthesized-templates';
import { startFakeS3, type FakeS3 } from '../fixtures/fake-s3/fake-s3-server';
import { startService, stopAllServices } from '../helpers/service-process';
import { pollUntil, survivorsOf } from '../helpers/run-processes';
import { drills, DRILLS_JS, killAll, ROOT } from '../cli/drills-cli';

const MARKER = 'DRILLS_S3_EVIDENCE_MARKER';
const BUCKET = 'game-day-evidence';

let fake: FakeAws | undefined;
let s3: FakeS3 | undefined;
let child: ChildProcess | undefined;
let dir: string | undefined;

beforeAll(() => void synthesizedTemplates(), 240_000);

afterEach(async () => {
  if (child?.pid && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  killAll();
  await stopAllServices();
  await fake?.close();
  await s3?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

type StoredJournal = { runId: string; endedAt?: string; experimentId?: string; judgement?: { verdict: string }; timeline: { kind: string; detail?: string }[] };

function journalKey(): string | undefined {
  return s3?.keys(BUCKET).find((k) => /^game-days\/task-stop-drain\/[^/]+\/journal\.json$/.test(k));
}

function storedJournal(): StoredJournal | undefined {
  const key = journalKey();
  const body = key ? s3?.object(BUCKET, key)?.body : undefined;
  return body ? (JSON.parse(body) as StoredJournal) : undefined;
}

describe('drills run --out s3://… killed with SIGTERM mid-experiment', () => {
  it('keeps the journal in the bucket as the run goes, ends it ABORTED with its reports, and history reads it back', async () => {
    fake = await startFakeAws({ scenario: { initiatingMs: 200, runningMs: 120_000, stoppingMs: 500 } });
    s3 = await startFakeS3({ buckets: [BUCKET] });
    const service = await startService({ env: { TASK_ID: 'task0001', ZONE: 'eu-west-1a' } });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 's3-evidence-'));
    const outputs = path.join(dir, 'cdk-outputs.json');
    await fs.writeFile(outputs, JSON.stringify(fake.outputs(`http://127.0.0.1:${service.port}`)));
    const env = {
      ...process.env,
      ...fake.env(),
      ...s3.env(),
      [MARKER]: path.basename(dir),
      AWS_PROFILE: '',
      AWS_CONFIG_FILE: path.join(dir, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none'),
    };
    let output = '';
    const proc = spawn(process.execPath, [DRILLS_JS, 'run', 'task-stop-drain', '--outputs', outputs, '--yes', '--out', `s3://${BUCKET}/game-days`], {
      cwd: ROOT,
      detached: true,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    proc.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    proc.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)));
    const state = fake.state;
    const injected = () => storedJournal()?.timeline.some((e) => e.kind === 'experiment-state' && / running$/.test(e.detail ?? '')) === true;
    const running = await pollUntil(() => state.experiments.length > 0 && state.statusOf(state.experiments[0]).status === 'running' && injected(), 120_000, 100);
    if (!running) throw new Error(`the run never reached a journal with the fault in the bucket; output:\n${output}`);
    // What a killed task would keep: the journal as uploaded while the fault was in.
    expect(storedJournal()?.endedAt).toBeUndefined();

    process.kill(proc.pid as number, 'SIGTERM');
    expect({ code: await exited, output }).toEqual({ code: 3, output: expect.stringContaining('SIGTERM: stopping the experiment') });
    expect(state.callsTo('StopExperiment')).toHaveLength(1);
    const journal = storedJournal();
    expect(journal).toMatchObject({ experimentId: state.experiments[0].id, judgement: { verdict: 'ABORTED' }, endedAt: expect.any(String) });
    expect(journal?.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['experiment-state', 'aborted', 'run-ended']));
    expect(s3.writes(BUCKET, journalKey() as string).length).toBeGreaterThanOrEqual(3);
    const runDir = path.posix.dirname(journalKey() as string);
    expect(s3.keys(BUCKET)).toEqual(expect.arrayContaining([`${runDir}/report.md`, `${runDir}/report.html`, `${runDir}/junit.xml`, 'game-days/index.html']));
    expect(s3.object(BUCKET, `${runDir}/junit.xml`)?.body).toContain('task-stop-drain');
    expect(output).toContain(`evidence s3://${BUCKET}/${runDir}`);
    expect(await survivorsOf(MARKER, path.basename(dir))).toEqual([]);

    const history = await drills(['history', '--out', `s3://${BUCKET}/game-days`, '--json'], 60_000, { ...fake.env(), ...s3.env() }).done;
    expect(history.code).toBe(0);
    const runs = (JSON.parse(history.stdout) as { runs: { drill: string; verdict: string; runId: string }[] }).runs;
    expect(runs).toEqual([expect.objectContaining({ drill: 'task-stop-drain', verdict: 'ABORTED', runId: journal?.runId })]);
  }, 200_000);
});

/**
 * End to end: a game day the runner refuses before its fault still leaves evidence. The built
 * CLI runs as the scheduled task does (`--yes`, nobody at a terminal, `--out s3://…`, the topic
 * in DRILLS_NOTIFY_TOPIC_ARN) against the strict fake AWS (synthesized with game days on, so the
 * verdict metric and the topic exist) and a local S3-compatible fake: once with a stop-condition
 * alarm in ALARM (preflight refuses), once with the service's lock held by another run. Each run
 * ends ABORTED, exit 3, with the reason in the journal in the bucket, its reports and JUnit next
 * to it, the verdict metric published (3: not HELD, so the alarm fires) and on-call notified;
 * nothing reaches FIS. Needs `npm run build` first (npm test does it).
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RUNNER_ENV } from '../../lib/contract';
import { DRILL_VERDICT_METRIC } from '../../lib/game-days/drill-verdict-metric';
import { startFakeAws, type FakeAws, type FakeAwsOptions } from '../fixtures/fake-aws/fake-aws-server';
import { synthesizedTemplates } from '../fixtures/fake-aws/synthesized-templates';
import { startFakeS3, type FakeS3 } from '../fixtures/fake-s3/fake-s3-server';
import { startService, stopAllServices } from '../helpers/service-process';
import { drills, killAll } from '../cli/drills-cli';

const BUCKET = 'game-day-evidence';
const ROOT = 'game-days/drills-demo';
const GAME_DAYS = { config: { drills: { gameDays: true } } } as const;

let fake: FakeAws | undefined;
let s3: FakeS3 | undefined;
let dir: string | undefined;

beforeAll(() => void synthesizedTemplates(GAME_DAYS), 240_000);

afterEach(async () => {
  killAll();
  await stopAllServices();
  await fake?.close();
  await s3?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

type StoredJournal = { runId: string; endedAt?: string; judgement?: { verdict: string; reasons: string[] }; timeline: { kind: string; detail?: string }[] };

/** Starts the fakes and the service; returns how to run the scheduled command against them. */
async function gameDay(options: Pick<FakeAwsOptions, 'scenario'> = {}) {
  fake = await startFakeAws({ synth: GAME_DAYS, ...options });
  s3 = await startFakeS3({ buckets: [BUCKET] });
  const service = await startService({ env: { TASK_ID: 'task0001', ZONE: 'eu-west-1a' } });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'refused-game-day-'));
  const outputs = path.join(dir, 'cdk-outputs.json');
  await fs.writeFile(outputs, JSON.stringify(fake.outputs(`http://127.0.0.1:${service.port}`)));
  const [topic] = fake.deployment.topics;
  const env = { ...fake.env(), ...s3.env(), [RUNNER_ENV.notifyTopicArn]: topic, AWS_PROFILE: '', AWS_CONFIG_FILE: path.join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none') };
  const run = () => drills(['run', 'task-stop-drain', '--outputs', outputs, '--yes', '--out', `s3://${BUCKET}/${ROOT}`], 120_000, env).done;
  return { fake, s3, topic, run };
}

function journalIn(s3: FakeS3): { key: string; journal: StoredJournal } {
  const keys = s3.keys(BUCKET).filter((k) => /^game-days\/drills-demo\/task-stop-drain\/[^/]+\/journal\.json$/.test(k));
  expect(keys).toHaveLength(1);
  return { key: keys[0], journal: JSON.parse(s3.object(BUCKET, keys[0])?.body ?? '') as StoredJournal };
}

/** What every refused game day must leave: the reports, the JUnit, the history, the metric (3) and the notification. */
function expectEvidenceAndVerdict(g: Awaited<ReturnType<typeof gameDay>>, key: string): void {
  const runDir = path.posix.dirname(key);
  expect(g.s3.keys(BUCKET)).toEqual(expect.arrayContaining([`${runDir}/report.md`, `${runDir}/report.html`, `${runDir}/junit.xml`, `${ROOT}/index.html`]));
  expect(g.s3.object(BUCKET, `${runDir}/junit.xml`)?.body).toMatch(/<skipped[^>]*type="ABORTED"/);
  const verdicts = g.fake.state
    .callsTo('PutMetricData')
    .flatMap((c) => (c.input as { MetricData: { MetricName: string; Value: number; Dimensions: { Name: string; Value: string }[] }[] }).MetricData)
    .filter((d) => d.MetricName === DRILL_VERDICT_METRIC.verdict);
  expect(verdicts).toEqual([expect.objectContaining({ Value: 3, Dimensions: expect.arrayContaining([{ Name: 'Drill', Value: 'task-stop-drain' }]) })]);
  const published = g.fake.state.callsTo('Publish').map((c) => c.input as { TopicArn: string; Subject: string; Message: string });
  expect(published).toEqual([expect.objectContaining({ TopicArn: g.topic, Subject: expect.stringContaining('ABORTED task-stop-drain') })]);
  expect(published[0].Message).toContain(`s3://${BUCKET}/${runDir}/report.html`);
  expect(g.fake.state.callsTo('StartExperiment')).toEqual([]);
}

describe('a scheduled drills run that is refused before its fault', () => {
  it('ends ABORTED when preflight refuses (a stop-condition alarm in ALARM), with the reason, evidence in S3, the verdict metric and the notification', async () => {
    const g = await gameDay({ scenario: { alarmStates: { 'drills-demo-error-rate': 'ALARM' } } });
    const { code, stdout, stderr } = await g.run();
    expect({ code, stderr }).toEqual({ code: 3, stderr: expect.stringContaining('refused by preflight') });
    const { key, journal } = journalIn(g.s3);
    expect(journal.judgement?.verdict).toBe('ABORTED');
    expect(journal.judgement?.reasons[0]).toMatch(/^aborted: refused by preflight \(.*drills-demo-error-rate.*ALARM/);
    expect(journal.endedAt).toEqual(expect.any(String));
    expect(journal.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['run-started', 'aborted', 'run-ended']));
    expect(journal.timeline.some((e) => e.kind === 'note' && /^preflight FAILED: .*drills-demo-error-rate/.test(e.detail ?? ''))).toBe(true);
    expect(stdout).toContain(`ABORTED  task-stop-drain  experiment -  evidence s3://${BUCKET}/${path.posix.dirname(key)}`);
    expectEvidenceAndVerdict(g, key);
  }, 200_000);

  it("ends ABORTED when another run holds the service's lock, naming that run, and leaves the lock to it", async () => {
    const g = await gameDay();
    const ecsService = g.fake.deployment.outputs[Object.keys(g.fake.deployment.outputs).find((s) => 'ServiceName' in g.fake!.deployment.outputs[s]) as string].ServiceName;
    const lockKey = `${ROOT}/locks/${ecsService}.json`;
    const holder = {
      runId: 'run-of-another-task',
      drill: 'task-hard-kill',
      service: ecsService,
      host: 'ip-10-0-1-7',
      startedAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    };
    g.s3.put(BUCKET, lockKey, JSON.stringify(holder));
    const { code, stderr } = await g.run();
    expect({ code, stderr }).toEqual({ code: 3, stderr: expect.stringContaining('is held by run run-of-another-task') });
    const { key, journal } = journalIn(g.s3);
    expect(journal.judgement?.reasons[0]).toMatch(/^aborted: service .* is held by run run-of-another-task \(drill task-hard-kill, started .* on ip-10-0-1-7/);
    expect(JSON.parse(g.s3.object(BUCKET, lockKey)?.body ?? '{}')).toEqual(holder);
    expectEvidenceAndVerdict(g, key);
  }, 200_000);
});

import taskStopDrain from '../../../experiments/task-stop-drain';
import { readEvidenceHistory, writeEvidenceIndex } from '../../../lib/runner/evidence-history';
import { JournalWriter } from '../../../lib/runner/journal-writer';
import type { JournalHeader } from '../../../lib/runner/journal';
import { s3Client } from '../../../lib/runner/aws/s3-client';
import { s3EvidenceStore } from '../../../lib/runner/aws/s3-evidence';
import { parseS3Url } from '../../../lib/runner/aws/s3-url';
import { startFakeS3, type FakeS3 } from '../../fixtures/fake-s3/fake-s3-server';
import { expectEvery } from '../../helpers/expect-every';

const header = (runId: string): JournalHeader => ({
  runId,
  mode: 'aws',
  drill: { id: taskStopDrain.id, title: taskStopDrain.title, hypothesis: taskStopDrain.hypothesis, fault: taskStopDrain.fault, expect: taskStopDrain.expect, file: taskStopDrain.file },
  settings: {},
  target: { service: 'drills-demo' },
  startedAt: new Date(Date.UTC(2026, 11, 1, 0, 0, Number(runId.slice(-1)))).toISOString(),
});

const saved = { ...process.env };
let fake: FakeS3;
const clients: { destroy(): void }[] = [];

function store(url: string) {
  const client = s3Client({ region: 'eu-west-1' });
  clients.push(client);
  return s3EvidenceStore(client, parseS3Url(url));
}

beforeEach(async () => {
  fake = await startFakeS3({ buckets: ['evidence-bucket'], pageSize: 2 });
  Object.assign(process.env, { AWS_ENDPOINT_URL_S3: fake.url, AWS_ACCESS_KEY_ID: 'AKIDFAKE', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'eu-west-1' });
  delete process.env.AWS_PROFILE;
});

afterEach(async () => {
  clients.splice(0).forEach((c) => c.destroy());
  await fake.close();
  process.env = { ...saved };
});

describe('evidence in S3', () => {
  it('writes the journal under <prefix>/<drill>/<run-id>/ with path-style requests and reads it back', async () => {
    const evidence = store('s3://evidence-bucket/game-days/');
    const folder = evidence.folder('task-stop-drain', 'run-1');
    expect(folder.location).toBe('s3://evidence-bucket/game-days/task-stop-drain/run-1');
    const writer = await JournalWriter.create(folder, header('run-1'));
    writer.event({ atMs: 5, at: new Date(5).toISOString(), kind: 'note', detail: 'seen before the kill' });
    await writer.flush();
    const stored = JSON.parse(fake.object('evidence-bucket', 'game-days/task-stop-drain/run-1/journal.json')?.body ?? '{}') as { runId: string; timeline: { detail: string }[] };
    expect(stored.runId).toBe('run-1');
    expect(stored.timeline.map((e) => e.detail)).toEqual(['seen before the kill']);
    expect(await folder.read('journal.json')).toContain('seen before the kill');
    expect(await folder.read('report.md')).toBeUndefined();
    // path-style: the bucket is the first path segment, never a host name
    expectEvery(fake.requests, (r) => r.bucket === 'evidence-bucket', 'requests to the fake S3');
  });

  it('rewrites the journal as events come, at most once per batch, not once per event', async () => {
    const writer = await JournalWriter.create(store('s3://evidence-bucket/p').folder('task-stop-drain', 'run-1'), header('run-1'));
    for (let i = 0; i < 20; i++) writer.event({ atMs: i, at: new Date(i).toISOString(), kind: 'note', detail: `event ${i}` });
    await writer.flush();
    const writes = fake.writes('evidence-bucket', 'p/task-stop-drain/run-1/journal.json');
    expect(writes).toHaveLength(2); // the header, then the batch of 20
    expect((JSON.parse(writes[1].body) as { timeline: unknown[] }).timeline).toHaveLength(20);
  });

  it('reads the history back over several listing pages and writes index.html at the prefix', async () => {
    const evidence = store('s3://evidence-bucket/game-days');
    for (const runId of ['run-1', 'run-2', 'run-3']) await JournalWriter.create(evidence.folder('task-stop-drain', runId), header(runId));
    fake.put('evidence-bucket', 'game-days/task-stop-drain/run-3/report.md', '# not a journal');
    fake.put('evidence-bucket', 'elsewhere/task-stop-drain/run-9/journal.json', '{}');
    const history = await readEvidenceHistory(evidence);
    expect(history.lines.map((l) => l.evidence)).toEqual(['task-stop-drain/run-1', 'task-stop-drain/run-2', 'task-stop-drain/run-3']);
    expect(history.problems).toEqual([]);
    expect(fake.requests.filter((r) => r.key === '?list')).toHaveLength(2); // 4 keys, 2 per page
    const index = await writeEvidenceIndex(evidence, new Date(0));
    expect(index.file).toBe('s3://evidence-bucket/game-days/index.html');
    expect(fake.object('evidence-bucket', 'game-days/index.html')?.body).toContain('task-stop-drain/run-2/report.html');
  });

  it('names a journal that is not a fis-drills journal among the problems', async () => {
    fake.put('evidence-bucket', 'task-stop-drain/run-1/journal.json', '{"schema":"other"}');
    const history = await readEvidenceHistory(store('s3://evidence-bucket'));
    expect(history.problems).toEqual(['s3://evidence-bucket/task-stop-drain/run-1/journal.json: not a fis-drills journal (schema "other")']);
  });

  it('fails to start a journal in a bucket that does not exist, naming where it tried to write', async () => {
    const folder = store('s3://no-such-bucket/p').folder('task-stop-drain', 'run-1');
    await expect(JournalWriter.create(folder, header('run-1'))).rejects.toThrow(/could not write s3:\/\/no-such-bucket\/p\/task-stop-drain\/run-1\/journal\.json: .*bucket does not exist/);
  });

  it('rejects an s3:// URL without a valid bucket name, showing the value', () => {
    expect(() => parseS3Url('s3://Bad_Bucket/x')).toThrow("'s3://Bad_Bucket/x' is not an S3 evidence root: expected s3://<bucket>/<prefix>");
    expect(() => parseS3Url('s3://')).toThrow(/is not an S3 evidence root/);
  });

  it('uses path-style addressing only when an endpoint is set', async () => {
    const withEndpoint = s3Client({ region: 'eu-west-1', env: { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:1' } });
    const without = s3Client({ region: 'eu-west-1', env: {} });
    clients.push(withEndpoint, without);
    expect(withEndpoint.config.forcePathStyle).toBe(true);
    expect(without.config.forcePathStyle).toBe(false);
  });
});

import { s3Client } from '../../lib/runner/aws/s3-client';
import { s3EvidenceStore } from '../../lib/runner/aws/s3-evidence';
import { parseS3Url } from '../../lib/runner/aws/s3-url';
import { lockRefusal, takeServiceLock } from '../../lib/runner/service-lock';
import { startFakeS3, type FakeS3 } from '../fixtures/fake-s3/fake-s3-server';

const saved = { ...process.env };
let fake: FakeS3;
let client: ReturnType<typeof s3Client>;
const me = (runId: string) => ({ runId, drill: 'task-stop-drain', service: 'svc-A', host: 'task-1' });

beforeEach(async () => {
  fake = await startFakeS3({ buckets: ['evidence'] });
  Object.assign(process.env, { AWS_ENDPOINT_URL_S3: fake.url, AWS_ACCESS_KEY_ID: 'AKIDFAKE', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'eu-west-1' });
  client = s3Client();
});

afterEach(async () => {
  client.destroy();
  await fake.close();
  process.env = { ...saved };
});

describe('one game day per service (S3 lock)', () => {
  it('refuses a second start while the first holds the service, naming the run that holds it', async () => {
    const store = s3EvidenceStore(client, parseS3Url('s3://evidence/game-days/svc-a'));
    const first = await takeServiceLock(store, me('run-1'), new Date('2026-12-01T10:00:00Z'));
    expect('release' in first).toBe(true);
    const second = await takeServiceLock(store, me('run-2'), new Date('2026-12-01T10:01:00Z'));
    expect('heldBy' in second && second.heldBy?.runId).toBe('run-1');
    expect(lockRefusal('svc-A', second as { heldBy: never; file: string })).toBe(
      'service svc-A is held by run run-1 (drill task-stop-drain, started 2026-12-01T10:00:00.000Z on task-1, lock expires 2026-12-01T12:00:00.000Z): one game day per service at a time; wait for it to end, or remove s3://evidence/game-days/svc-a/locks/svc-A.json if that run is gone',
    );
    expect(fake.keys('evidence')).toEqual(['game-days/svc-a/locks/svc-A.json']);
  });

  it('lets the next run in once the first released the service', async () => {
    const store = s3EvidenceStore(client, parseS3Url('s3://evidence/p'));
    const first = await takeServiceLock(store, me('run-1'));
    if (!('release' in first)) throw new Error('not taken');
    await first.release();
    expect(fake.keys('evidence')).toEqual([]);
    expect('release' in (await takeServiceLock(store, me('run-2')))).toBe(true);
  });

  it('takes over a lock whose run is gone (expired), and a late release of that run leaves the new lock alone', async () => {
    const store = s3EvidenceStore(client, parseS3Url('s3://evidence/p'));
    const old = await takeServiceLock(store, me('run-killed'), new Date('2026-12-01T08:00:00Z'));
    const next = await takeServiceLock(store, me('run-2'), new Date('2026-12-01T10:30:00Z'));
    expect('release' in next).toBe(true);
    if ('release' in old) await old.release();
    expect(JSON.parse(fake.object('evidence', 'p/locks/svc-A.json')?.body ?? '{}').runId).toBe('run-2');
  });
});

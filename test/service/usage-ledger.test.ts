/**
 * The demo service with a real PostgreSQL (through the engine's fault proxy): completed streams
 * and jobs are booked in the usage ledger, GET / reads it; while the database is black-holed
 * GET / fails fast with 503 and the health check stays 200, and everything recovers after.
 * Without DATABASE_URL, GET / answers as it always did.
 */
import { backoffDelayMs } from '../../service/src/backoff';
import { isConnectionError } from '../../service/src/database';
import { readEnv } from '../../service/src/env';
import { FaultProxy } from '../../lib/runner/local/fault-proxy';
import { LocalPostgres } from '../../lib/runner/local/local-postgres';
import { expectEvery } from '../helpers/expect-every';
import { startService, stopAllServices } from '../helpers/service-process';
import { openStream, request } from './sse-client';

jest.setTimeout(90_000);

let pg: LocalPostgres;
let proxy: FaultProxy;
let url: string;

beforeAll(async () => {
  pg = await LocalPostgres.start();
  proxy = new FaultProxy(pg.port);
  url = pg.url(await proxy.listen());
});
afterEach(async () => {
  proxy.restore();
  await stopAllServices();
});
afterAll(async () => {
  await proxy?.close();
  await pg?.close();
});

type Read = { status: number; body: string } | { error: string };
const json = (r: Read) => ('body' in r ? (JSON.parse(r.body) as Record<string, unknown>) : {});

async function until(read: () => Promise<Read>, ok: (r: Read) => boolean, timeoutMs: number): Promise<Read> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await read();
    if (ok(r) || Date.now() > deadline) return r;
    await new Promise((res) => setTimeout(res, 100));
  }
}

describe('the usage ledger in PostgreSQL', () => {
  test('books a completed stream and a finished job, and GET / reads the totals', async () => {
    const service = await startService({ env: { DATABASE_URL: url, TASK_ID: 'ledger-1' } });
    await service.waitForLog('database-up', 10_000);
    const before = json(await request(service.port, '/')).usage as { stream: { count: number } } | undefined;
    expect(before).toBeDefined();
    await openStream(service.port, '/v1/stream?tokens=3&intervalMs=10&ttftMs=10').result;
    await request(service.port, '/v1/jobs', { method: 'POST', body: '{"seconds":0}' });
    const after = await until(
      () => request(service.port, '/'),
      (r) => (json(r).usage as { job: { count: number } }).job.count > 0,
      5000,
    );
    const usage = json(after).usage as { stream: { count: number; units: number }; job: { count: number } };
    expect(usage.stream.count).toBe((before as { stream: { count: number } }).stream.count + 1);
    expect(usage.stream.units).toBeGreaterThanOrEqual(3);
    expect(usage.job.count).toBeGreaterThanOrEqual(1);
  });

  test('fails GET / fast with 503 while the database is black-holed, keeps /healthz at 200, and recovers after', async () => {
    const service = await startService({ env: { DATABASE_URL: url, TASK_ID: 'ledger-2', DATABASE_QUERY_TIMEOUT_MS: '800', DATABASE_CONNECT_TIMEOUT_MS: '800' } });
    await service.waitForLog('database-up', 10_000);
    expect((await request(service.port, '/')) as { status: number }).toMatchObject({ status: 200 });
    proxy.blackhole();
    const latencies: number[] = [];
    const statuses: number[] = [];
    const errors: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const startedAt = Date.now();
      const r = await request(service.port, '/');
      latencies.push(Date.now() - startedAt);
      statuses.push('status' in r ? r.status : 0);
      errors.push(String(json(r).error));
    }
    // The first read waits for the query timeout (800 ms); once the gate closed, the rest fail at once, by the gate
    // (said in the answer, so this holds on a loaded machine too), none waiting for the query timeout again.
    expect(statuses).toEqual(Array(10).fill(503));
    expect(Math.max(...latencies)).toBeLessThan(2000);
    expect(errors.slice(2)).toEqual(Array(8).fill('the usage ledger is unavailable: the database is unreachable; reconnecting'));
    expectEvery(latencies.slice(2), (ms) => ms < 800, 'latencies of the reads after the gate closed (ms)');
    expect((await request(service.port, '/healthz')) as { status: number }).toMatchObject({ status: 200 });
    proxy.restore();
    const back = await until(
      () => request(service.port, '/'),
      (r) => 'status' in r && r.status === 200,
      5000,
    );
    expect(back).toMatchObject({ status: 200 });
  });

  test('fails the health check too when told to include the database (the anti-pattern the drill catches)', async () => {
    const service = await startService({ env: { DATABASE_URL: url, TASK_ID: 'ledger-3', HEALTH_CHECK_DATABASE: 'true' } });
    await service.waitForLog('database-up', 10_000);
    expect((await request(service.port, '/healthz')) as { status: number }).toMatchObject({ status: 200 });
    proxy.blackhole();
    const during = await until(
      () => request(service.port, '/healthz'),
      (r) => 'status' in r && r.status === 503,
      5000,
    );
    expect(during).toMatchObject({ status: 503 });
  });
});

describe('the demo service without DATABASE_URL', () => {
  test('answers GET / with its identity only, as before the ledger existed', async () => {
    const service = await startService({ env: { TASK_ID: 'no-db', ZONE: 'zone-x' } });
    expect(json(await request(service.port, '/'))).toEqual({ task: 'no-db', zone: 'zone-x', inflight: 0, draining: false });
    expect(service.logs().find((l) => l.event === 'started')).toMatchObject({ ledger: 'memory' });
  });
});

describe('database settings and backoff', () => {
  test('spreads reconnect waits with full jitter under a growing, capped ceiling', () => {
    const settings = { baseMs: 100, capMs: 2000 };
    expect(backoffDelayMs(0, settings, () => 0.999)).toBe(99);
    expect(backoffDelayMs(3, settings, () => 0.5)).toBe(400);
    expect(backoffDelayMs(10, settings, () => 0.999)).toBe(1998);
    expect(backoffDelayMs(10, settings, () => 0)).toBe(0);
  });

  test('tells connection failures from query errors', () => {
    expect(isConnectionError(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('pipe'), { code: 'EPIPE' }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(isConnectionError(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }))).toBe(false);
  });

  test('rejects a DATABASE_URL that is not a postgres URL and a bad DATABASE_RECONNECT, naming both', () => {
    expect(() => readEnv({ DATABASE_URL: 'mysql://x', DATABASE_RECONNECT: 'sometimes' })).toThrow(
      /DATABASE_URL must start with postgres:\/\/.*DATABASE_RECONNECT="sometimes" must be backoff or immediate/,
    );
    expect(readEnv({}).database).toBeUndefined();
    expect(readEnv({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5/db' }).database).toMatchObject({ poolMax: 4, reconnect: 'backoff', healthIncludesDatabase: false });
  });
});

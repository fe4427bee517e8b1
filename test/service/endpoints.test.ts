import { spawnSync } from 'child_process';
import * as net from 'net';
import * as path from 'path';
import { startService, stopAllServices } from '../helpers/service-process';
import { openStream, request } from './sse-client';

const HEALTHCHECK_JS = path.resolve(__dirname, '../../service/dist/healthcheck.js');

afterEach(async () => {
  await stopAllServices();
});

/** Sends raw bytes on a new connection; resolves with what came back once the server closes it (or after 10 s). */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    const timer = setTimeout(() => socket.destroy(), 10000);
    socket.setEncoding('utf8').on('data', (c: string) => (received += c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.on('end', () => socket.end());
  });
}

function healthcheck(port: number): number | null {
  return spawnSync(process.execPath, [HEALTHCHECK_JS], { env: { ...process.env, PORT: String(port) }, timeout: 15000 }).status;
}

describe('the demo service endpoints', () => {
  test('GET /healthz answers ok and GET / names the task and zone', async () => {
    const service = await startService({ env: { TASK_ID: 'task-7', ZONE: 'zone-b' } });
    expect(await request(service.port, '/healthz')).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    const root = await request(service.port, '/');
    expect('body' in root && JSON.parse(root.body)).toEqual({ task: 'task-7', zone: 'zone-b', inflight: 0, draining: false });
  });

  test('GET /v1/stream sends N events after the first-token delay, then [DONE], and ends', async () => {
    const service = await startService({ env: { TASK_ID: 'task-7', ZONE: 'zone-b' } });
    const openedAt = Date.now();
    const stream = openStream(service.port, '/v1/stream?tokens=5&intervalMs=20&ttftMs=300');
    await stream.firstEvent;
    const firstAfterMs = Date.now() - openedAt;
    const result = await stream.result;

    expect(result.status).toBe(200);
    expect(result.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(firstAfterMs).toBeGreaterThanOrEqual(290);
    expect(result.events).toHaveLength(5);
    expect(result.events[0]).toEqual({ i: 0, task: 'task-7', zone: 'zone-b', token: expect.any(String) });
    expect(result.events.map((e) => e.i)).toEqual([0, 1, 2, 3, 4]);
    expect(result.sawDone).toBe(true);
    expect(result.body.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  test('POST /v1/completions streams the same events', async () => {
    const service = await startService({ env: { TASK_ID: 'task-7', ZONE: 'zone-b' } });
    const result = await openStream(service.port, '/v1/completions?intervalMs=10&ttftMs=0', { method: 'POST', body: '{"stream":true,"max_tokens":4}' }).result;
    expect(result.status).toBe(200);
    expect(result.events.map((e) => e.i)).toEqual([0, 1, 2, 3]);
    expect(result.events[3]).toMatchObject({ task: 'task-7', zone: 'zone-b' });
    expect(result.sawDone).toBe(true);
  });

  test('rejects every bad parameter with 400 and a JSON error, and keeps serving', async () => {
    const service = await startService();
    const bad: Array<[string, string?]> = [
      ['/v1/stream?tokens=abc'],
      ['/v1/stream?tokens=2.5'],
      ['/v1/stream?tokens=-1'],
      ['/v1/stream?tokens=100001'],
      ['/v1/stream?intervalMs=-1'],
      ['/v1/stream?intervalMs=60001'],
      ['/v1/stream?ttftMs=60001'],
      ['/v1/stream?ttftMs=1.0'],
      ['/v1/completions', '{not json'],
      ['/v1/completions', '{"stream":true,"max_tokens":-3}'],
      ['/v1/completions', '{"stream":true,"max_tokens":100001}'],
      ['/v1/completions', '{"stream":true,"max_tokens":0.5}'],
      ['/v1/completions?intervalMs=60001', '{"stream":true,"max_tokens":1}'],
      ['/v1/completions', 'x'.repeat(70 * 1024)],
    ];
    for (const [url, body] of bad) {
      const r = await request(service.port, url, body === undefined ? {} : { method: 'POST', body });
      expect({ url, status: 'status' in r ? r.status : r.error }).toEqual({ url, status: 400 });
      if ('body' in r) expect(JSON.parse(r.body)).toEqual({ error: expect.any(String) });
    }
    expect(await request(service.port, '/healthz')).toMatchObject({ status: 200 });
    expect(service.proc.exitCode).toBeNull();
  });

  test('rejects a request target that is not a URL, and malformed HTTP, with 400 and keeps serving', async () => {
    const service = await startService();
    expect(await raw(service.port, 'GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(service.port, 'this is not http\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await request(service.port, '/healthz')).toMatchObject({ status: 200 });
    expect(service.proc.exitCode).toBeNull();
  });

  test('answers 404 for an unknown path and 405 for a wrong method', async () => {
    const service = await startService();
    expect(await request(service.port, '/nope')).toMatchObject({ status: 404 });
    expect(await request(service.port, '/v1/completions')).toMatchObject({ status: 405, headers: { allow: 'POST' } });
    expect(await request(service.port, '/v1/stream', { method: 'POST', body: '{}' })).toMatchObject({ status: 405 });
  });

  test('a client that goes away mid-stream leaves nothing in flight and the service serving', async () => {
    const service = await startService();
    const stream = openStream(service.port, '/v1/stream?tokens=1000&intervalMs=20&ttftMs=0');
    await stream.firstEvent;
    const during = await request(service.port, '/');
    expect('body' in during && JSON.parse(during.body).inflight).toBe(1);
    stream.abort();
    await stream.result;

    let inflight = -1;
    for (let i = 0; i < 100 && inflight !== 0; i++) {
      const r = await request(service.port, '/');
      inflight = 'body' in r ? JSON.parse(r.body).inflight : -1;
      if (inflight !== 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(inflight).toBe(0);
    // With nothing in flight, SIGTERM exits at once: no timer of the aborted stream is left behind.
    service.proc.kill('SIGTERM');
    expect((await service.exited).code).toBe(0);
    expect(service.logs().find((l) => l.event === 'drained')).toMatchObject({ inflightAtStart: 0, cut: 0 });
  });

  test('300 concurrent streams through one process all complete', async () => {
    const service = await startService();
    const streams = Array.from({ length: 300 }, () => openStream(service.port, '/v1/stream?tokens=10&intervalMs=50&ttftMs=0'));
    const results = await Promise.all(streams.map((s) => s.result));
    const clean = results.filter((r) => r.status === 200 && r.sawDone && r.events.length === 10 && r.error === undefined);
    expect(results.filter((r) => !clean.includes(r)).map((r) => r.error ?? r.status)).toEqual([]);
    expect(clean).toHaveLength(300);
  });

  test('fails to start on a port in use, saying EADDRINUSE', async () => {
    const first = await startService();
    await expect(startService({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
  });

  test('rejects a DRAIN_TIMEOUT_MS that is not a whole number', async () => {
    await expect(startService({ env: { DRAIN_TIMEOUT_MS: 'soon' } })).rejects.toThrow(/DRAIN_TIMEOUT_MS="soon" is not a whole number/);
  });
});

describe('the health-check program', () => {
  test('exits 0 while the service serves and 1 once it drains', async () => {
    const service = await startService({ env: { DRAIN_TIMEOUT_MS: '60000' } });
    expect(healthcheck(service.port)).toBe(0);
    const stream = openStream(service.port, '/v1/stream?tokens=40&intervalMs=50&ttftMs=0');
    await stream.firstEvent;
    service.proc.kill('SIGTERM');
    await service.waitForLog('draining');
    expect(healthcheck(service.port)).toBe(1);
    await stream.result;
  });

  test('fails with exit 1 when nothing listens', async () => {
    const service = await startService();
    const port = service.port;
    await service.stop();
    expect(healthcheck(port)).toBe(1);
  });
});

import * as net from 'net';
import { startService, stopAllServices } from '../helpers/service-process';
import { openStream, request } from './sse-client';

/** Waits for `p`, or gives up after ms (the assertions that follow then say what was missing). */
async function withinMs(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

afterEach(async () => {
  await stopAllServices();
});

describe('the demo service on SIGTERM', () => {
  test('a stream opened before SIGTERM ends with all its events and [DONE], and the process exits 0 right after, long before the deadline', async () => {
    const service = await startService({ env: { DRAIN_TIMEOUT_MS: '60000' } });
    const stream = openStream(service.port, '/v1/stream?tokens=20&intervalMs=100&ttftMs=50');
    await stream.firstEvent;
    const signalledAt = Date.now();
    service.proc.kill('SIGTERM');

    const result = await stream.result;
    const exit = await service.exited;

    expect(result.error).toBeUndefined();
    expect(result.events.map((e) => e.i)).toEqual([...Array(20).keys()]);
    expect(result.sawDone).toBe(true);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.atMs - result.endedAtMs).toBeLessThan(5000);
    expect(exit.atMs - signalledAt).toBeLessThan(30000);
    expect(service.logs().find((l) => l.event === 'drained')).toMatchObject({ reason: 'drained', inflightAtStart: 1, completed: 1, cut: 0 });
    expect(service.logs().find((l) => l.event === 'exit')).toMatchObject({ code: 0, reason: 'drained', cut: 0 });
  });

  test('with nothing in flight the process exits 0 at once', async () => {
    const service = await startService({ env: { DRAIN_TIMEOUT_MS: '60000' } });
    const signalledAt = Date.now();
    service.proc.kill('SIGTERM');
    const exit = await service.exited;
    expect(exit.code).toBe(0);
    expect(exit.atMs - signalledAt).toBeLessThan(10000);
  });

  test('after SIGTERM a new connection is refused and health never answers 200 again', async () => {
    const service = await startService({ env: { DRAIN_TIMEOUT_MS: '60000' } });
    expect(await request(service.port, '/healthz')).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    const stream = openStream(service.port, '/v1/stream?tokens=25&intervalMs=100&ttftMs=0');
    await stream.firstEvent;
    service.proc.kill('SIGTERM');
    await service.waitForLog('draining');

    const answers: string[] = [];
    let done = false;
    void stream.result.then(() => (done = true));
    for (let i = 0; i < 200 && !done; i++) {
      const r = await request(service.port, '/healthz');
      answers.push('error' in r ? r.error : String(r.status));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    expect(answers.length).toBeGreaterThan(0);
    // Refused, never served. A reset instead of a refusal means the connection raced the
    // listener's close on a loaded machine (seen once in CI); it was not answered either.
    expect(answers.filter((a) => a !== 'ECONNREFUSED' && a !== 'ECONNRESET')).toEqual([]);
    expect(answers.filter((a) => a === 'ECONNREFUSED').length).toBeGreaterThan(0);
    expect((await stream.result).sawDone).toBe(true);
    expect((await service.exited).code).toBe(0);
  });

  test('a request that arrives on a busy kept-alive connection after SIGTERM gets 503 with Connection: close', async () => {
    const service = await startService({ env: { DRAIN_TIMEOUT_MS: '60000' } });
    const socket = net.connect(service.port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8').on('data', (c: string) => (received += c));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
    socket.write('GET /v1/stream?tokens=10&intervalMs=100&ttftMs=0 HTTP/1.1\r\nHost: t\r\n\r\n');
    for (let i = 0; i < 200 && !received.includes('data: '); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    service.proc.kill('SIGTERM');
    await service.waitForLog('draining');
    // A second request on the same (busy) connection: it is answered after the stream, with 503.
    socket.write('GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n');
    await withinMs(closed, 20000);

    const second = received.slice(received.indexOf('[DONE]'));
    expect(received).toContain('data: [DONE]');
    expect(second).toMatch(/HTTP\/1\.1 503/);
    expect(second).toMatch(/connection: close/i);
    expect(second).toContain('{"status":"draining"}');
    expect(socket.destroyed || socket.readableEnded).toBe(true);
    socket.destroy();
    expect((await service.exited).code).toBe(0);
  });

  test('an idle kept-alive connection is closed at SIGTERM', async () => {
    const service = await startService({ env: { DRAIN_TIMEOUT_MS: '60000' } });
    const stream = openStream(service.port, '/v1/stream?tokens=30&intervalMs=100&ttftMs=0');
    await stream.firstEvent;
    const socket = net.connect(service.port, '127.0.0.1');
    let received = '';
    let closedAt = 0;
    socket.setEncoding('utf8').on('data', (c: string) => (received += c));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    void closed.then(() => (closedAt = Date.now()));
    socket.on('error', () => undefined);
    socket.write('GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n');
    for (let i = 0; i < 200 && !received.includes('{"status":"ok"}'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).toMatch(/keep-alive/i);
    service.proc.kill('SIGTERM');
    await withinMs(closed, 10000);
    socket.destroy();

    expect(closedAt).toBeGreaterThan(0);
    const result = await stream.result;
    expect(closedAt).toBeLessThan(result.endedAtMs);
    expect(result.sawDone).toBe(true);
  });

  test('a second SIGTERM does not shorten the drain', async () => {
    const service = await startService({ env: { DRAIN_TIMEOUT_MS: '60000' } });
    const stream = openStream(service.port, '/v1/stream?tokens=15&intervalMs=100&ttftMs=0');
    await stream.firstEvent;
    service.proc.kill('SIGTERM');
    await service.waitForLog('draining');
    service.proc.kill('SIGTERM');
    service.proc.kill('SIGINT');

    const result = await stream.result;
    expect(result.events).toHaveLength(15);
    expect(result.sawDone).toBe(true);
    expect((await service.exited).code).toBe(0);
    expect(service.logs().filter((l) => l.event === 'signal-ignored').length).toBeGreaterThanOrEqual(1);
  });

  test('with a drain deadline shorter than a stream, the stream ends without [DONE] and the process exits at the deadline', async () => {
    const service = await startService({ env: { DRAIN_TIMEOUT_MS: '1500' } });
    const stream = openStream(service.port, '/v1/stream?tokens=1000&intervalMs=50&ttftMs=0');
    await stream.firstEvent;
    const signalledAt = Date.now();
    service.proc.kill('SIGTERM');

    const result = await stream.result;
    const exit = await service.exited;

    expect(result.sawDone).toBe(false);
    expect(result.events.length).toBeGreaterThan(0);
    expect(result.events.length).toBeLessThan(1000);
    expect(exit.code).toBe(0);
    expect(exit.atMs - signalledAt).toBeGreaterThanOrEqual(1400);
    expect(exit.atMs - signalledAt).toBeLessThan(15000);
    expect(service.logs().find((l) => l.event === 'exit')).toMatchObject({ reason: 'deadline', cut: 1 });
  });
});

describe('the demo service on SIGKILL', () => {
  test('a stream in flight ends without [DONE]', async () => {
    const service = await startService();
    const stream = openStream(service.port, '/v1/stream?tokens=1000&intervalMs=50&ttftMs=0');
    await stream.firstEvent;
    service.proc.kill('SIGKILL');

    const result = await stream.result;
    expect(result.sawDone).toBe(false);
    expect(result.events.length).toBeLessThan(1000);
    expect((await service.exited).signal).toBe('SIGKILL');
  });
});

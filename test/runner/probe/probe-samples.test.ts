/**
 * The probe against a small SSE server on 127.0.0.1 whose behaviour each test picks: what it
 * records for a clean stream, one cut mid-way, one that ends without [DONE], a 503, a refusal.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { monotonicClock } from '../../../lib/runner/clock';
import { openStream } from '../../../lib/runner/probe/stream';
import { sendRequest } from '../../../lib/runner/probe/request';
import type { ResolvedRequests, ResolvedStreams } from '../../../lib/traffic';

type Mode = 'clean' | 'cut' | 'no-done' | 'unavailable';
const plan = { tokens: 4, intervalMs: 20, ttftMs: 60 };
const spec: ResolvedStreams = { method: 'GET', path: `/v1/stream?tokens=${plan.tokens}&ttftMs=${plan.ttftMs}`, headers: {}, format: 'sse', done: '[DONE]', timeoutMs: 10_000 };
const shortRequest: ResolvedRequests = { method: 'GET', path: '/', headers: {}, timeoutMs: 10_000 };
const who = { 'x-drills-task': 't-1', 'x-drills-zone': 'z' };
const clock = monotonicClock();
let mode: Mode = 'clean';
let server: http.Server;
let base: string;
const agent = new http.Agent({ keepAlive: false });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (mode === 'unavailable') {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"draining"}');
      return;
    }
    if (!req.url?.startsWith('/v1/stream')) {
      res.writeHead(200, { 'content-type': 'application/json', ...who }).end('{}');
      return;
    }
    const query = new URL(req.url, 'http://x').searchParams;
    const tokens = Number(query.get('tokens'));
    res.writeHead(200, { 'content-type': 'text/event-stream', ...who });
    let i = 0;
    const next = () => {
      if (mode === 'cut' && i === 2) {
        res.socket?.destroy();
        return;
      }
      if (i === tokens) {
        res.end(mode === 'no-done' ? '' : 'data: [DONE]\n\n');
        return;
      }
      res.write(`data: ${JSON.stringify({ i, token: 'x' })}\n\n`);
      i += 1;
      setTimeout(next, plan.intervalMs);
    };
    const first = setTimeout(next, Number(query.get('ttftMs')));
    res.on('close', () => clearTimeout(first));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  agent.destroy();
  await new Promise((r) => server.close(r));
});

describe('the probe', () => {
  it('records a clean stream: every event, its bytes, TTFT, the serving task from the attribution header, [DONE]', async () => {
    mode = 'clean';
    const s = await openStream(base, 1, spec, clock, agent, 'x-drills-task').done;
    expect(s).toMatchObject({ outcome: 'clean', events: 4, task: 't-1', zone: 'z', status: 200 });
    expect(s.broken).toBeUndefined();
    const frame = `data: ${JSON.stringify({ i: 0, token: 'x' })}\n\n`;
    expect(s.bytes).toBe(4 * Buffer.byteLength(frame) + Buffer.byteLength('data: [DONE]\n\n'));
    expect((s.firstEventAtMs as number) - s.startedAtMs).toBeGreaterThanOrEqual(plan.ttftMs - 5);
    expect(s.endedAtMs).toBeGreaterThanOrEqual(s.firstEventAtMs as number);
  });

  it('records a stream whose connection is cut mid-way as broken by reset, with the events it got', async () => {
    mode = 'cut';
    const s = await openStream(base, 2, spec, clock, agent, 'x-drills-task').done;
    expect(s).toMatchObject({ outcome: 'broken', broken: 'reset', events: 2, task: 't-1' });
  });

  it('records a stream that ends without [DONE] as broken (no-done)', async () => {
    mode = 'no-done';
    const s = await openStream(base, 3, spec, clock, agent, 'x-drills-task').done;
    expect(s).toMatchObject({ outcome: 'broken', broken: 'no-done', events: 4 });
  });

  it('records a 503 as a broken stream (http-status) and as a request with its status', async () => {
    mode = 'unavailable';
    const s = await openStream(base, 4, spec, clock, agent, 'x-drills-task').done;
    expect(s).toMatchObject({ outcome: 'broken', broken: 'http-status', status: 503, events: 0 });
    const r = await sendRequest(base, shortRequest, clock, agent, 'x-drills-task').done;
    expect(r).toMatchObject({ status: 503 });
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('records a short request with its status and the task that answered', async () => {
    mode = 'clean';
    expect(await sendRequest(base, shortRequest, clock, agent, 'x-drills-task').done).toMatchObject({ status: 200, task: 't-1' });
  });

  it('records a refused connection: stream broken as refused, request with status 0 and the error', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((r) => closed.close(r));
    expect(await openStream(url, 5, spec, clock, agent, 'x-drills-task').done).toMatchObject({ outcome: 'broken', broken: 'refused' });
    const r = await sendRequest(url, shortRequest, clock, agent).done;
    expect(r.status).toBe(0);
    expect(r.error).toMatch(/ECONNREFUSED/);
  });

  it('gives up on a stream at its timeout and says so', async () => {
    mode = 'clean';
    const s = await openStream(base, 6, { ...spec, path: '/v1/stream?tokens=4&ttftMs=5000', timeoutMs: 200 }, clock, agent).done;
    expect(s).toMatchObject({ outcome: 'broken', broken: 'timeout', events: 0 });
  });
});

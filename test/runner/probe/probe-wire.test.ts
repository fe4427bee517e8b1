/**
 * The probe against an in-test server on 127.0.0.1 that each test scripts byte by byte: frames
 * split across writes or packed into one, CRLF line endings, SSE comments, a cut before the
 * first event, a reset before any answer — and the whole probe (concurrent streams plus the
 * request rate) stopped mid-stream. probe-samples.test.ts has the plainer cases.
 */
import { expectEvery } from '../../helpers/expect-every';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { monotonicClock } from '../../../lib/runner/clock';
import { startProbe } from '../../../lib/runner/probe';
import { openStream } from '../../../lib/runner/probe/stream';
import type { ResolvedStreams, ResolvedTraffic } from '../../../lib/traffic';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const spec: ResolvedStreams = { method: 'GET', path: '/v1/stream', headers: {}, format: 'sse', done: '[DONE]', timeoutMs: 10_000 };
const traffic: ResolvedTraffic = { streams: spec, requests: { method: 'GET', path: '/', headers: {}, timeoutMs: 5000 }, secrets: [] };
const who = { 'x-drills-task': 't-9', 'x-drills-zone': 'z-2' };
const clock = monotonicClock();
const agent = new http.Agent({ keepAlive: false });
let handler: Handler;
let server: http.Server;
let base: string;
const pending = new Set<NodeJS.Timeout>();

/** Runs `steps` one after another, `gapMs` apart; timers are cleared after each test. */
function paced(steps: Array<() => void>, gapMs = 30): void {
  const [first, ...rest] = steps;
  if (!first) return;
  const t = setTimeout(() => {
    pending.delete(t);
    first();
    paced(rest, gapMs);
  }, gapMs);
  pending.add(t);
}

const sse = (res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'text/event-stream', ...who });
const frame = (i: number, eol = '\n') => `data: ${JSON.stringify({ i, token: 'x' })}${eol}${eol}`;

beforeAll(async () => {
  server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => {
  for (const t of pending) clearTimeout(t);
  pending.clear();
});
afterAll(async () => {
  agent.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('the stream probe on the wire', () => {
  it('counts events whose frames are split across writes or packed into one, skips comments, and times TTFT at the first whole event', async () => {
    const f0 = frame(0);
    let firstFrameCompletedAt = 0;
    handler = (_req, res) => {
      sse(res);
      paced([
        () => res.write(': keep-alive\n\n'),
        () => res.write(f0.slice(0, 10)),
        () => {
          res.write(f0.slice(10));
          firstFrameCompletedAt = clock.nowMs();
        },
        () => res.write(frame(1) + frame(2)),
        () => res.end('data: [DONE]\n\n'),
      ]);
    };
    const s = await openStream(base, 1, spec, clock, agent, 'x-drills-task').done;
    expect(s).toMatchObject({ outcome: 'clean', events: 3, task: 't-9', zone: 'z-2', status: 200 });
    expect(s.bytes).toBe(Buffer.byteLength(': keep-alive\n\n' + f0 + frame(1) + frame(2) + 'data: [DONE]\n\n'));
    // The half frame must not count as the first token: TTFT is when the frame was whole.
    expect(s.firstEventAtMs as number).toBeGreaterThanOrEqual(firstFrameCompletedAt);
  });

  it('reads CRLF-framed events (valid SSE) as a clean stream', async () => {
    handler = (_req, res) => {
      sse(res);
      const crlf = frame(0, '\r\n');
      paced([
        () => res.write(crlf.slice(0, crlf.length - 3)), // ends inside the blank line: "…\r"
        () => res.write(crlf.slice(crlf.length - 3) + frame(1, '\r\n')),
        () => res.end('data: [DONE]\r\n\r\n'),
      ]);
    };
    const s = await openStream(base, 2, spec, clock, agent, 'x-drills-task').done;
    expect(s).toMatchObject({ outcome: 'clean', events: 2, task: 't-9' });
  });

  it('records a stream cut mid-way as broken by reset, keeping the events, bytes and TTFT it got', async () => {
    handler = (_req, res) => {
      sse(res);
      paced([() => res.write(frame(0)), () => res.write(frame(1)), () => res.socket?.destroy()]);
    };
    const s = await openStream(base, 3, spec, clock, agent, 'x-drills-task').done;
    expect(s).toMatchObject({ outcome: 'broken', broken: 'reset', events: 2, status: 200, task: 't-9' });
    expect(s.bytes).toBe(Buffer.byteLength(frame(0) + frame(1)));
    expect(s.firstEventAtMs).toEqual(expect.any(Number));
    expect(s.error).toBeTruthy();
  });

  it('records a stream cut after its headers, before any event, as broken by reset with no TTFT', async () => {
    handler = (_req, res) => {
      sse(res);
      res.flushHeaders();
      paced([() => res.socket?.destroy()]);
    };
    const s = await openStream(base, 4, spec, clock, agent, 'x-drills-task').done;
    expect(s).toMatchObject({ outcome: 'broken', broken: 'reset', events: 0, bytes: 0, status: 200 });
    expect(s.firstEventAtMs).toBeUndefined();
  });

  it('records a connection reset before any answer as refused, with no status', async () => {
    handler = (req) => req.socket.destroy();
    const s = await openStream(base, 5, spec, clock, agent, 'x-drills-task').done;
    expect(s).toMatchObject({ outcome: 'broken', broken: 'refused', events: 0 });
    expect(s.status).toBeUndefined();
  });
});

describe('the whole probe', () => {
  it('opens every stream at once, keeps the request rate, and on stop() marks the streams still open as cut off by the probe', async () => {
    const opened: number[] = [];
    handler = (req, res) => {
      if (req.url?.startsWith('/v1/stream')) {
        opened.push(clock.nowMs());
        sse(res);
        res.write(frame(0)); // then nothing: the stream stays open until the probe stops
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', ...who }).end('{}');
    };
    const probe = startProbe(base, { streams: { count: 3 }, requests: { perSecond: 20 }, jobs: { count: 0 }, warmup: 'PT1S', recoveryTimeout: 'PT10S' }, traffic, clock, {
      taskHeader: 'x-drills-task',
    });
    const deadline = Date.now() + 10_000;
    while ((opened.length < 3 || probe.samples.requests.length < 5) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await probe.stop();
    const { streams, requests } = probe.samples;
    expect(opened).toHaveLength(3);
    expect(streams.map((s) => s.id).sort()).toEqual([0, 1, 2]);
    for (const s of streams) expect(s).toMatchObject({ outcome: 'broken', broken: 'timeout', error: 'probe stopped', events: 1 });
    expect(requests.length).toBeGreaterThanOrEqual(5);
    expectEvery(requests, (r) => r.status === 200 && r.task === 't-9', 'requests');
    // Requests go out one after another at the rate, not all at once.
    const times = requests.map((r) => r.atMs).sort((a, b) => a - b);
    expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual(50 * (times.length - 1) * 0.5);
    // Nothing more is sent after stop().
    const count = requests.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(probe.samples.requests.length).toBe(count);
  });
});

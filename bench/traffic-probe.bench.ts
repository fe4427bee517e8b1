/**
 * The probe with a service's own traffic profile, at scale: 1,000 concurrent streams of each new
 * kind — POST SSE behind a bearer token, and NDJSON with a JSON end marker — plus 500 requests/s,
 * against the chat-gateway fixture (one process). Held: every stream clean, all 1,000 open at
 * once, and the request schedule kept (>= 98 % sent, no send > 100 ms late).
 */
import { spawn } from 'child_process';
import * as http from 'http';
import * as path from 'path';
import type { ProbeSpec } from '../lib/drill';
import { monotonicClock } from '../lib/runner/clock';
import { freePort } from '../lib/runner/local/free-port';
import { startProbe } from '../lib/runner/probe';
import type { StreamSample } from '../lib/runner/samples';
import { resolveTraffic, type TrafficProfile } from '../lib/traffic';
import { track } from './children';
import { scheduleLateness } from './schedule';
import { round, type Benchmark, type Measurement } from './types';

const GATEWAY = path.resolve(__dirname, '../../test/fixtures/services/chat-gateway.js');
const STREAMS = 1000;
const PER_SECOND = 500;
const REQUESTS_FOR_MS = 5000;
const TOKEN = 'sk-bench-token';
const AUTH = { authorization: 'Bearer ${env:BENCH_API_TOKEN}' };
const PROFILES: Record<string, TrafficProfile> = {
  'POST SSE + bearer': {
    headers: AUTH,
    streams: { method: 'POST', path: '/v1/chat/completions', body: { stream: true }, format: 'sse', done: '[DONE]', timeoutSeconds: 60 },
    requests: { path: '/v1/models' },
  },
  NDJSON: { headers: AUTH, streams: { method: 'POST', path: '/v1/generate', body: { stream: true }, format: 'ndjson', done: '{"done": true}', timeoutSeconds: 60 }, requests: { path: '/v1/models' } },
};

async function startGateway(): Promise<{ port: number; stop: () => void }> {
  const port = await freePort();
  const child = track(spawn(process.execPath, [GATEWAY], { env: { ...process.env, PORT: String(port), API_TOKEN: TOKEN, CHAT_EVENTS: '40', CHAT_INTERVAL_MS: '100' }, stdio: 'ignore' }));
  for (let i = 0; i < 100; i += 1) {
    const ok = await new Promise<boolean>((resolve) =>
      http.get({ host: '127.0.0.1', port, path: '/healthz' }, (res) => (res.resume(), resolve(res.statusCode === 200))).on('error', () => resolve(false)),
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, stop: () => child.kill('SIGKILL') };
}

/** Most streams open at the same time (from its request to its end). */
function peakConcurrent(streams: readonly StreamSample[]): number {
  const edges = streams.flatMap((s) => [[s.startedAtMs, 1] as const, [s.endedAtMs, -1] as const]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let peak = 0;
  for (const [, d] of edges) peak = Math.max(peak, (open += d));
  return peak;
}

async function step(url: string, profile: TrafficProfile) {
  const traffic = resolveTraffic(profile, { BENCH_API_TOKEN: TOKEN }, 'bench');
  const spec: ProbeSpec = { streams: { count: STREAMS }, requests: { perSecond: PER_SECOND }, jobs: { count: 0 }, warmup: 'PT0S', recoveryTimeout: 'PT1M' };
  const clock = monotonicClock();
  const probe = startProbe(url, spec, traffic, clock);
  await new Promise((r) => setTimeout(r, REQUESTS_FOR_MS));
  const untilMs = clock.nowMs();
  await probe.streamsDone();
  await probe.stop();
  const { streams, requests } = probe.samples;
  const lateness = scheduleLateness(
    requests.filter((r) => r.atMs <= untilMs).map((r) => r.atMs),
    1000 / PER_SECOND,
    untilMs,
  );
  const clean = streams.filter((s) => s.outcome === 'clean').length;
  const okRequests = requests.filter((r) => r.ok).length;
  return { clean, peak: peakConcurrent(streams), lateness, okRequests, requests: requests.length };
}

export const trafficProbeBench: Benchmark = {
  name: 'traffic-probe',
  run: async () => {
    const gateway = await startGateway();
    const m: Measurement[] = [];
    try {
      for (const [name, profile] of Object.entries(PROFILES)) {
        const r = await step(`http://127.0.0.1:${gateway.port}`, profile);
        process.stderr.write(`bench: traffic probe ${name}: ${r.clean}/${STREAMS} clean, peak ${r.peak} open, ${r.lateness.sent}/${r.lateness.scheduled} requests sent\n`);
        m.push(
          { name: `traffic probe ${name}: streams clean`, value: r.clean, unit: `of ${STREAMS}`, target: { op: '>=', bound: STREAMS } },
          { name: `traffic probe ${name}: streams open at once`, value: r.peak, unit: 'streams', target: { op: '>=', bound: STREAMS } },
          {
            name: `traffic probe ${name}: requests sent on schedule`,
            value: round((100 * r.lateness.sent) / r.lateness.scheduled, 1),
            unit: `% of ${PER_SECOND}/s (worst late ${round(r.lateness.worstLateMs, 0)} ms; ${r.okRequests}/${r.requests} answered 2xx)`,
            target: { op: '>=', bound: 98 },
          },
          { name: `traffic probe ${name}: worst request lateness`, value: round(r.lateness.worstLateMs, 0), unit: 'ms', target: { op: '<=', bound: 100 } },
        );
      }
    } finally {
      gateway.stop();
    }
    return m;
  },
};

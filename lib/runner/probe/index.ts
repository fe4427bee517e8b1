/**
 * The customer-side probe: `spec.streams.count` concurrent SSE streams opened at once, and a
 * steady rate of short requests until stop(). Every request and stream is bounded by a timeout;
 * stop() cancels whatever is still in flight.
 */
import * as http from 'http';
import type { ProbeSpec } from '../../drill';
import type { Clock } from '../clock';
import type { RequestSample, StreamSample } from '../samples';
import { sendRequest, type RequestHandle } from './request';
import { openStream, type StreamHandle } from './stream';

export interface ProbeProgress {
  readonly streamsOpen: number;
  readonly streamsDone: number;
  readonly requests: number;
  readonly failed: number;
}

export interface ProbeRun {
  stop(): Promise<void>;
  readonly samples: { streams: StreamSample[]; requests: RequestSample[] };
  streamsDone(): Promise<void>;
  /** Streams (open or ended) that received their first event so far (the steady-state gate reads it). */
  streamsWithFirstEvent(): number;
}

export interface ProbeOptions {
  readonly onProgress?: (p: ProbeProgress) => void;
  /** @default 5000 */
  readonly requestTimeoutMs?: number;
  /** @default the stream's expected length × 3 + 30 s */
  readonly streamTimeoutMs?: number;
}

export function startProbe(serviceUrl: string, spec: ProbeSpec, clock: Clock, options: ProbeOptions = {}): ProbeRun {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Math.max(64, spec.streams.count + 32) });
  const samples = { streams: [] as StreamSample[], requests: [] as RequestSample[] };
  const requestTimeoutMs = options.requestTimeoutMs ?? 5000;
  const expectedMs = spec.streams.ttftMs + spec.streams.tokens * spec.streams.intervalMs;
  const streamTimeoutMs = options.streamTimeoutMs ?? expectedMs * 3 + 30_000;
  const streams = new Set<StreamHandle>();
  const requests = new Set<RequestHandle>();
  let failed = 0;
  let firstEvents = 0;
  const progress = (): void =>
    options.onProgress?.({ streamsOpen: streams.size, streamsDone: samples.streams.length, requests: samples.requests.length, failed });

  const streamEnds: Promise<void>[] = [];
  for (let i = 0; i < spec.streams.count; i += 1) {
    const handle = openStream(serviceUrl, i, spec.streams, clock, agent, streamTimeoutMs, () => (firstEvents += 1));
    streams.add(handle);
    streamEnds.push(
      handle.done.then((s) => {
        streams.delete(handle);
        samples.streams.push(s);
        progress();
      }),
    );
  }
  const allStreams = Promise.all(streamEnds).then(() => undefined);

  let stopped = false;
  const periodMs = spec.requests.perSecond > 0 ? 1000 / spec.requests.perSecond : 0;
  const send = (): void => {
    const handle = sendRequest(serviceUrl, clock, agent, requestTimeoutMs);
    requests.add(handle);
    void handle.done.then((s) => {
      requests.delete(handle);
      samples.requests.push(s);
      if (s.status < 200 || s.status >= 400) failed += 1;
      progress();
    });
  };
  // Request i is due at start + i × period: a late timer does not push the rest back (as
  // setInterval's re-arming would), so the rate is the drill's, over the whole run.
  const startMs = clock.nowMs();
  let sent = 0;
  let ticker: NodeJS.Timeout | undefined;
  const tick = (): void => {
    if (stopped) return;
    const due = Math.floor((clock.nowMs() - startMs) / periodMs) + 1;
    for (; sent < due; sent += 1) send();
    ticker = setTimeout(tick, Math.max(0, startMs + sent * periodMs - clock.nowMs()));
  };
  if (periodMs > 0) tick();

  return {
    samples,
    streamsDone: () => allStreams,
    streamsWithFirstEvent: () => firstEvents,
    stop: async () => {
      stopped = true;
      if (ticker) clearTimeout(ticker);
      const pending = [...requests].map((r) => r.done);
      for (const s of streams) s.cancel();
      // in-flight short requests finish within their own timeout; give them that long at most
      await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, requestTimeoutMs + 100).unref())]);
      for (const r of requests) r.cancel();
      await allStreams;
      agent.destroy();
    },
  };
}

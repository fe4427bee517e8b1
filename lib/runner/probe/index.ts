/**
 * The customer-side probe: the service's traffic profile sent in the amounts the drill asks.
 * `spec.streams.count` streams and `spec.jobs.count` jobs start at once, and requests go at
 * `spec.requests.perSecond` until stop(). A kind the profile lacks is not sent. Every call is
 * bounded by the profile's timeouts; stop() cancels whatever is still in flight.
 */
import * as http from 'http';
import type { ProbeSpec } from '../../drill';
import type { ResolvedTraffic } from '../../traffic';
import type { Clock } from '../clock';
import type { JobSample, RequestSample, StreamSample } from '../samples';
import { runJob, type JobHandle } from './job';
import { sendRequest, type RequestHandle } from './request';
import { openStream, type StreamHandle } from './stream';

export interface ProbeProgress {
  readonly streamsOpen: number;
  readonly streamsDone: number;
  readonly requests: number;
  readonly failed: number;
  readonly jobsDone: number;
}

export interface ProbeRun {
  stop(): Promise<void>;
  readonly samples: { streams: StreamSample[]; requests: RequestSample[]; jobs: JobSample[] };
  /** Resolves once every stream has ended. */
  streamsDone(): Promise<void>;
  /** Resolves once every stream and every job has ended. */
  workDone(): Promise<void>;
  /** Streams (open or ended) that received their first event so far (the steady-state gate reads it). */
  streamsWithFirstEvent(): number;
}

export interface ProbeOptions {
  readonly onProgress?: (p: ProbeProgress) => void;
  /** The response header that names the task that served (the local load balancer's, or the profile's taskHeader). */
  readonly taskHeader?: string;
}

/** Which kinds this probe sends: asked for by the drill and declared by the profile. */
export function probeKinds(spec: ProbeSpec, traffic: ResolvedTraffic): { streams: boolean; requests: boolean; jobs: boolean } {
  return {
    streams: traffic.streams !== undefined && spec.streams.count > 0,
    requests: traffic.requests !== undefined && spec.requests.perSecond > 0,
    jobs: traffic.jobs !== undefined && (spec.jobs?.count ?? 0) > 0,
  };
}

export function startProbe(serviceUrl: string, spec: ProbeSpec, traffic: ResolvedTraffic, clock: Clock, options: ProbeOptions = {}): ProbeRun {
  const kinds = probeKinds(spec, traffic);
  const streamCount = kinds.streams ? spec.streams.count : 0;
  const jobCount = kinds.jobs ? spec.jobs.count : 0;
  const agent = new http.Agent({ keepAlive: false, maxSockets: Math.max(64, streamCount + jobCount + 32) });
  const samples = { streams: [] as StreamSample[], requests: [] as RequestSample[], jobs: [] as JobSample[] };
  const { taskHeader } = options;
  const streams = new Set<StreamHandle>();
  const requests = new Set<RequestHandle>();
  const jobs = new Set<JobHandle>();
  let failed = 0;
  let firstEvents = 0;
  const progress = (): void => options.onProgress?.({ streamsOpen: streams.size, streamsDone: samples.streams.length, requests: samples.requests.length, failed, jobsDone: samples.jobs.length });

  const streamEnds: Promise<void>[] = [];
  for (let i = 0; i < streamCount && traffic.streams; i += 1) {
    const handle = openStream(serviceUrl, i, traffic.streams, clock, agent, taskHeader, () => (firstEvents += 1));
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
  const jobEnds: Promise<void>[] = [];
  for (let i = 0; i < jobCount && traffic.jobs; i += 1) {
    const handle = runJob(serviceUrl, i, traffic.jobs, clock, agent, taskHeader);
    jobs.add(handle);
    jobEnds.push(
      handle.done.then((j) => {
        jobs.delete(handle);
        samples.jobs.push(j);
        progress();
      }),
    );
  }
  const allWork = Promise.all([allStreams, ...jobEnds]).then(() => undefined);

  let stopped = false;
  const periodMs = kinds.requests ? 1000 / spec.requests.perSecond : 0;
  const requestSpec = traffic.requests;
  const send = (): void => {
    if (!requestSpec) return;
    const handle = sendRequest(serviceUrl, requestSpec, clock, agent, taskHeader);
    requests.add(handle);
    void handle.done.then((s) => {
      requests.delete(handle);
      samples.requests.push(s);
      if (!s.ok) failed += 1;
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
    workDone: () => allWork,
    streamsWithFirstEvent: () => firstEvents,
    stop: async () => {
      stopped = true;
      if (ticker) clearTimeout(ticker);
      const pending = [...requests].map((r) => r.done);
      for (const s of streams) s.cancel();
      for (const j of jobs) j.cancel();
      // in-flight short requests finish within their own timeout; give them that long at most
      const requestTimeoutMs = requestSpec?.timeoutMs ?? 0;
      await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, requestTimeoutMs + 100).unref())]);
      for (const r of requests) r.cancel();
      await allWork;
      agent.destroy();
    },
  };
}

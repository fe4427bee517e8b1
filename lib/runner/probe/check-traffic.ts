/**
 * The steady-state check before any fault (DESIGN "Services and their traffic"): the health path
 * answers 200, and one of each traffic kind the drill will send succeeds — a request with an
 * expected status, a stream that ends with its end marker, a job that completes. Each failed
 * check names the call, what came back and the setting to look at.
 */
import * as http from 'http';
import type { ResolvedTraffic } from '../../traffic';
import type { Clock } from '../clock';
import type { JobSample, RequestSample, StreamSample } from '../samples';
import { runJob } from './job';
import { sendRequest } from './request';
import { openStream } from './stream';

export interface TrafficCheck {
  /** `health`, `streams`, `requests` or `jobs`. */
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface TrafficCheckOptions {
  /** GET this path first; it must answer 200. @default - not checked */
  readonly healthPath?: string;
  /** Which kinds to check (those the drill sends). @default every kind the profile has */
  readonly kinds?: { readonly streams: boolean; readonly requests: boolean; readonly jobs: boolean };
}

export async function checkTraffic(serviceUrl: string, traffic: ResolvedTraffic, clock: Clock, options: TrafficCheckOptions = {}): Promise<TrafficCheck[]> {
  const agent = new http.Agent({ keepAlive: false });
  const kinds = options.kinds ?? { streams: true, requests: true, jobs: true };
  const checks: Promise<TrafficCheck>[] = [];
  try {
    if (options.healthPath !== undefined) {
      const health = { method: 'GET', path: options.healthPath, headers: {}, expectStatus: [200], timeoutMs: 5000 };
      checks.push(sendRequest(serviceUrl, health, clock, agent).done.then((s) => requestCheck('health', s, `GET ${options.healthPath}`, '200 (service.healthPath)')));
    }
    if (kinds.requests && traffic.requests) {
      const r = traffic.requests;
      const expected = r.expectStatus ? `one of ${r.expectStatus.join(', ')} (requests.expectStatus)` : 'a 2xx or 3xx';
      checks.push(sendRequest(serviceUrl, r, clock, agent).done.then((s) => requestCheck('requests', s, `${r.method} ${r.path}`, `${expected}; check requests.path and requests.method`)));
    }
    if (kinds.streams && traffic.streams) {
      const st = traffic.streams;
      checks.push(openStream(serviceUrl, -1, st, clock, agent).done.then((s) => streamCheck(s, `${st.method} ${st.path}`, st.done, st.format)));
    }
    if (kinds.jobs && traffic.jobs) {
      const j = traffic.jobs;
      checks.push(runJob(serviceUrl, -1, j, clock, agent).done.then((s) => jobCheck(s, `${j.submit.method} ${j.submit.path}`)));
    }
    return await Promise.all(checks);
  } finally {
    agent.destroy();
  }
}

function requestCheck(name: string, s: RequestSample, call: string, expected: string): TrafficCheck {
  if (s.ok) return { name, ok: true, detail: `${call} answered ${s.status} in ${Math.round(s.latencyMs)} ms` };
  const got = s.status === 0 ? `no answer (${s.error ?? 'no response'})` : `HTTP ${s.status}`;
  return { name, ok: false, detail: `${call} gave ${got}; expected ${expected}` };
}

function streamCheck(s: StreamSample, call: string, done: string | undefined, format: string): TrafficCheck {
  const name = 'streams';
  if (s.outcome === 'clean') {
    const end = done === undefined ? 'a complete answer' : JSON.stringify(done);
    return { name, ok: true, detail: `${call} answered ${s.status}, ${s.events} event(s), ended with ${end} after ${((s.endedAtMs - s.startedAtMs) / 1000).toFixed(1)} s` };
  }
  if (s.broken === 'http-status') return { name, ok: false, detail: `${call} gave HTTP ${s.status}; expected a 2xx (or streams.expectStatus); check streams.path, streams.method and streams.headers` };
  if (s.broken === 'no-done') {
    return {
      name,
      ok: false,
      detail: `${call} answered ${s.status} with ${s.events} ${format} event(s) but never sent the end marker ${JSON.stringify(done)}; check streams.done and streams.format ("${format}")`,
    };
  }
  return { name, ok: false, detail: `${call} did not end cleanly (${s.broken}: ${s.error ?? 'no detail'}); check streams.path and streams.timeoutSeconds` };
}

function jobCheck(s: JobSample, call: string): TrafficCheck {
  const name = 'jobs';
  if (s.outcome === 'succeeded') return { name, ok: true, detail: `${call} → job ${s.jobId} reached "${s.state}" in ${((s.endedAtMs - s.startedAtMs) / 1000).toFixed(1)} s (${s.polls} poll(s))` };
  return { name, ok: false, detail: `${call}: ${s.error ?? 'failed'}; check jobs.submit, jobs.id, jobs.poll.path, jobs.state and jobs.succeeded` };
}

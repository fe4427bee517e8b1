/** One short request of the traffic profile through the service URL: status, latency, task. */
import type * as http from 'http';
import type { ResolvedRequests } from '../../traffic';
import type { Clock } from '../clock';
import type { RequestSample } from '../samples';
import { headerValue, sendCall, statusOk } from './http-call';

export interface RequestHandle {
  readonly done: Promise<RequestSample>;
  cancel(): void;
}

/** Sends the request; ok when its status is expected (default any 2xx or 3xx). Never rejects. */
export function sendRequest(baseUrl: string, spec: ResolvedRequests, clock: Clock, agent: http.Agent, taskHeader?: string): RequestHandle {
  const atMs = clock.nowMs();
  let settled = false;
  let resolve!: (s: RequestSample) => void;
  const done = new Promise<RequestSample>((r) => (resolve = r));
  let task: string | undefined;
  const finish = (status: number, error?: string): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    const ok = status > 0 && statusOk(status, spec.expectStatus, [200, 400]);
    resolve({ atMs, latencyMs: clock.nowMs() - atMs, status, ok, task, error });
  };
  const req = sendCall(baseUrl, spec, agent, (res) => {
    task = headerValue(res, taskHeader);
    res.resume();
    res.on('end', () => finish(res.statusCode ?? 0));
    res.on('error', (e) => finish(0, e.message));
    res.on('aborted', () => finish(0, 'connection closed'));
  });
  req.on('error', (e) => finish(0, e.message));
  const timer = setTimeout(() => {
    finish(0, `timeout after ${spec.timeoutMs} ms`);
    req.destroy();
  }, spec.timeoutMs);
  return {
    done,
    cancel: () => {
      finish(0, 'probe stopped');
      req.destroy();
    },
  };
}

/** One short request (`GET /`) through the service URL: status, latency, task. */
import * as http from 'http';
import type { Clock } from '../clock';
import type { RequestSample } from '../samples';

export interface RequestHandle {
  readonly done: Promise<RequestSample>;
  cancel(): void;
}

export function sendRequest(baseUrl: string, clock: Clock, agent: http.Agent, timeoutMs: number): RequestHandle {
  const atMs = clock.nowMs();
  let settled = false;
  let resolve!: (s: RequestSample) => void;
  const done = new Promise<RequestSample>((r) => (resolve = r));
  const finish = (status: number, task?: string, error?: string): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    resolve({ atMs, latencyMs: clock.nowMs() - atMs, status, task, error });
  };
  const req = http.get(new URL('/', baseUrl), { agent }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (c: string) => {
      if (body.length < 64 * 1024) body += c;
    });
    res.on('end', () => {
      let task: string | undefined;
      try {
        const parsed = JSON.parse(body) as { task?: unknown };
        if (typeof parsed.task === 'string') task = parsed.task;
      } catch {
        /* not JSON: no task */
      }
      finish(res.statusCode ?? 0, task);
    });
    res.on('error', (e) => finish(0, undefined, e.message));
    res.on('aborted', () => finish(0, undefined, 'connection closed'));
  });
  req.on('error', (e) => finish(0, undefined, e.message));
  const timer = setTimeout(() => {
    finish(0, undefined, `timeout after ${timeoutMs} ms`);
    req.destroy();
  }, timeoutMs);
  return {
    done,
    cancel: () => {
      finish(0, undefined, 'probe stopped');
      req.destroy();
    },
  };
}

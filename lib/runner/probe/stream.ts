/** One SSE stream through the service URL: TTFT, events, bytes, how it ended. */
import * as http from 'http';
import type { Clock } from '../clock';
import type { StreamBreak, StreamSample } from '../samples';
import type { StreamProbe } from '../../drill';

export interface StreamHandle {
  readonly done: Promise<StreamSample>;
  cancel(): void;
}

export function openStream(baseUrl: string, id: number, spec: StreamProbe, clock: Clock, agent: http.Agent, timeoutMs: number, onFirstEvent?: () => void): StreamHandle {
  const startedAtMs = clock.nowMs();
  let firstEventAtMs: number | undefined;
  let events = 0;
  let bytes = 0;
  let task: string | undefined;
  let zone: string | undefined;
  let status: number | undefined;
  let sawDone = false;
  let buffer = '';
  let settled = false;
  let resolve!: (s: StreamSample) => void;
  const done = new Promise<StreamSample>((r) => (resolve = r));
  const url = new URL(`/v1/stream?tokens=${spec.tokens}&intervalMs=${spec.intervalMs}&ttftMs=${spec.ttftMs}`, baseUrl);
  const finish = (broken?: StreamBreak, error?: string): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    const outcome = broken === undefined ? 'clean' : 'broken';
    resolve({ id, startedAtMs, firstEventAtMs, endedAtMs: clock.nowMs(), events, bytes, task, zone, status, outcome, broken, error });
  };
  const req = http.get(url, { agent }, (res) => {
    status = res.statusCode;
    if (res.statusCode !== 200) {
      res.resume();
      finish('http-status', `HTTP ${res.statusCode}`);
      return;
    }
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      bytes += Buffer.byteLength(chunk);
      // SSE lines may end in CRLF or CR as well as LF: fold them to LF so frames split on a blank
      // line. A CR at the very end may be the first half of a CRLF, so it waits for the next chunk.
      buffer = (buffer + chunk).replace(/\r\n|\r(?=[\s\S])/g, '\n');
      let at: number;
      while ((at = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        for (const line of frame.split('\n')) {
          if (!line.startsWith('data:')) continue;
          const data = line.slice(5).trim();
          if (data === '[DONE]') {
            sawDone = true;
            continue;
          }
          events += 1;
          if (firstEventAtMs === undefined) {
            firstEventAtMs = clock.nowMs();
            onFirstEvent?.();
          }
          try {
            const parsed = JSON.parse(data) as { task?: unknown; zone?: unknown };
            if (typeof parsed.task === 'string') task = parsed.task;
            if (typeof parsed.zone === 'string') zone = parsed.zone;
          } catch {
            /* a non-JSON event still counts */
          }
        }
      }
    });
    res.on('end', () => finish(sawDone ? undefined : 'no-done', sawDone ? undefined : 'ended without [DONE]'));
    res.on('aborted', () => finish(sawDone ? undefined : 'reset', 'connection closed mid-stream'));
    res.on('error', (e) => finish(sawDone ? undefined : 'reset', e.message));
    res.on('close', () => finish(sawDone ? undefined : 'reset', 'connection closed mid-stream'));
  });
  req.on('error', (e: NodeJS.ErrnoException) => finish(status === undefined ? (e.code === 'ECONNREFUSED' || e.code === 'ECONNRESET' ? 'refused' : 'reset') : 'reset', e.message));
  const timer = setTimeout(() => {
    finish('timeout', `no end after ${timeoutMs} ms`);
    req.destroy();
  }, timeoutMs);
  return {
    done,
    cancel: () => {
      finish('timeout', 'probe stopped');
      req.destroy();
    },
  };
}

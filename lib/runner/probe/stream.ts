/** One stream of the traffic profile through the service URL: TTFT, events, bytes, how it ended. */
import type * as http from 'http';
import type { ResolvedStreams } from '../../traffic';
import type { Clock } from '../clock';
import type { StreamBreak, StreamSample } from '../samples';
import { headerValue, LB_ZONE_HEADER, sendCall, statusOk } from './http-call';
import { streamParser } from './stream-parser';

export interface StreamHandle {
  readonly done: Promise<StreamSample>;
  cancel(): void;
}

/**
 * Opens stream `id`. Clean: the end marker arrived (or, with none configured, a complete answer
 * with an expected status). `taskHeader` names the response header that says which task served.
 */
export function openStream(baseUrl: string, id: number, spec: ResolvedStreams, clock: Clock, agent: http.Agent, taskHeader?: string, onFirstEvent?: () => void): StreamHandle {
  const startedAtMs = clock.nowMs();
  let firstEventAtMs: number | undefined;
  let events = 0;
  let bytes = 0;
  let task: string | undefined;
  let zone: string | undefined;
  let status: number | undefined;
  const parser = streamParser(spec.format, spec.done);
  let settled = false;
  let resolve!: (s: StreamSample) => void;
  const done = new Promise<StreamSample>((r) => (resolve = r));
  const clean = (): boolean => (spec.done === undefined ? false : parser.sawDone);
  const finish = (broken?: StreamBreak, error?: string): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    const outcome = broken === undefined ? 'clean' : 'broken';
    resolve({ id, startedAtMs, firstEventAtMs, endedAtMs: clock.nowMs(), events, bytes, task, zone, status, outcome, broken, error });
  };
  const marker = spec.done === undefined ? 'a complete answer' : JSON.stringify(spec.done);
  const req = sendCall(baseUrl, spec, agent, (res) => {
    status = res.statusCode;
    task = headerValue(res, taskHeader);
    zone = headerValue(res, LB_ZONE_HEADER);
    if (!statusOk(res.statusCode ?? 0, spec.expectStatus, [200, 300])) {
      res.resume();
      finish('http-status', `HTTP ${res.statusCode} from ${spec.method} ${spec.path}`);
      return;
    }
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      bytes += Buffer.byteLength(chunk);
      const n = parser.push(chunk);
      if (n > 0 && firstEventAtMs === undefined) {
        firstEventAtMs = clock.nowMs();
        onFirstEvent?.();
      }
      events += n;
    });
    res.on('end', () => (spec.done === undefined || clean() ? finish() : finish('no-done', `ended without ${marker}`)));
    res.on('aborted', () => finish(clean() ? undefined : 'reset', 'connection closed mid-stream'));
    res.on('error', (e) => finish(clean() ? undefined : 'reset', e.message));
    res.on('close', () => finish(clean() ? undefined : 'reset', 'connection closed mid-stream'));
  });
  req.on('error', (e: NodeJS.ErrnoException) => finish(status === undefined ? (e.code === 'ECONNREFUSED' || e.code === 'ECONNRESET' ? 'refused' : 'reset') : 'reset', e.message));
  const timer = setTimeout(() => {
    finish('timeout', `no end after ${spec.timeoutMs} ms`);
    req.destroy();
  }, spec.timeoutMs);
  return {
    done,
    cancel: () => {
      finish('timeout', 'probe stopped');
      req.destroy();
    },
  };
}

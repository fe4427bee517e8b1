/**
 * One job of the traffic profile: submit, read its id, poll until a terminal state. A poll that
 * gets no answer or a 5xx is retried (the job may live on while a task goes away); a 404 or 410
 * means the service no longer knows the job (lost). No end within the profile's timeout: failed.
 */
import type * as http from 'http';
import type { HttpCall, ResolvedJobs } from '../../traffic';
import type { Clock } from '../clock';
import type { JobSample } from '../samples';
import { headerValue, sendCall } from './http-call';

export interface JobHandle {
  readonly done: Promise<JobSample>;
  cancel(): void;
}

interface Answer {
  readonly status: number;
  readonly json?: unknown;
  readonly task?: string;
  readonly error?: string;
}

export function runJob(baseUrl: string, id: number, spec: ResolvedJobs, clock: Clock, agent: http.Agent, taskHeader?: string): JobHandle {
  const startedAtMs = clock.nowMs();
  let cancelled = false;
  let current: http.ClientRequest | undefined;
  let wake: (() => void) | undefined;
  const cancelReason = "not ended when the probe stopped (the drill's recovery bound)";
  const call = (c: HttpCall, path?: string): Promise<Answer> =>
    new Promise((resolve) => {
      const timeoutMs = Math.min(30_000, spec.timeoutMs);
      const req = sendCall(
        baseUrl,
        c,
        agent,
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (text.length < 256 * 1024) text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, json: parseJson(text), task: headerValue(res, taskHeader) }));
          res.on('error', (e) => resolve({ status: 0, error: e.message }));
        },
        path,
      );
      current = req;
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', (e) => resolve({ status: 0, error: e.message }));
    });
  const sleep = (ms: number): Promise<void> =>
    new Promise((r) => {
      const t = setTimeout(r, ms);
      wake = () => {
        clearTimeout(t);
        r();
      };
    });

  const run = async (): Promise<JobSample> => {
    let polls = 0;
    const end = (outcome: JobSample['outcome'], extra: Partial<JobSample>): JobSample => ({ id, startedAtMs, endedAtMs: clock.nowMs(), polls, outcome, ...extra });
    const submitted = await call(spec.submit);
    const where = `${spec.submit.method} ${spec.submit.path}`;
    if (cancelled) return end('failed', { error: cancelReason });
    if (submitted.status < 200 || submitted.status >= 300) return end('failed', { task: submitted.task, error: submitted.error ?? `submit answered HTTP ${submitted.status} (${where})` });
    const jobId = fieldAt(submitted.json, spec.idField);
    if (jobId === undefined) return end('failed', { task: submitted.task, error: `the submit answer has no "${spec.idField}" field (${where}); set jobs.id to the field that holds the job id` });
    const task = submitted.task;
    const path = spec.poll.path.split('{id}').join(encodeURIComponent(jobId));
    let state: string | undefined;
    let lastError: string | undefined;
    for (;;) {
      if (clock.nowMs() - startedAtMs >= spec.timeoutMs) return end('failed', { jobId, task, state, error: `no end within ${spec.timeoutMs / 1000} s (last: ${state ?? lastError ?? 'no state'})` });
      await sleep(spec.poll.intervalMs);
      if (cancelled) return end('failed', { jobId, task, state, error: cancelReason });
      const answer = await call(spec.poll, path);
      polls += 1;
      if (answer.status === 404 || answer.status === 410) return end('failed', { jobId, task, state, error: `lost: the poll answered HTTP ${answer.status} (${spec.poll.method} ${path})` });
      if (answer.status < 200 || answer.status >= 300) {
        lastError = answer.error ?? `HTTP ${answer.status}`;
        continue;
      }
      state = fieldAt(answer.json, spec.stateField) ?? state;
      if (state !== undefined && spec.succeeded.includes(state)) return end('succeeded', { jobId, task, state });
      if (state !== undefined && spec.failed.includes(state)) return end('failed', { jobId, task, state, error: `ended in state "${state}"` });
    }
  };
  return {
    done: run(),
    cancel: () => {
      cancelled = true;
      wake?.();
      current?.destroy();
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The string (or number) at a dotted field path of a JSON value, as a string. */
export function fieldAt(json: unknown, field: string): string | undefined {
  let v: unknown = json;
  for (const key of field.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

import type { IncomingMessage, ServerResponse } from 'http';
import type { Drain } from './drain';
import { headerSafe, sendJson } from './http-reply';
import { MAX_JOB_SECONDS, type Jobs } from './jobs';
import { parseCompletionBody, parseStreamQuery, type Parsed, type StreamPlan } from './params';
import { startStream, type Identity } from './stream';
import type { UsageLedger } from './usage-ledger';
import { answerHealth, answerRead } from './usage-routes';

const MAX_BODY_BYTES = 64 * 1024;
const ROUTES: Record<string, string> = { '/healthz': 'GET', '/': 'GET', '/v1/stream': 'GET', '/v1/completions': 'POST', '/v1/jobs': 'POST', '/v1/jobs/:id': 'GET' };
const JOB_PATH = /^\/v1\/jobs\/([^/]+)$/;

/** What the handler books usage in, and what the health check needs besides the process (normally nothing). */
export interface UsageOptions {
  readonly ledger?: UsageLedger;
  /** The anti-pattern (HEALTH_CHECK_DATABASE=true): the health check also queries the database. */
  readonly healthCheckDatabase?: () => Promise<unknown>;
}

/** The request handler: health, identity (and the usage ledger's totals), the SSE stream and its OpenAI-style alias, jobs. */
export function createHandler(who: Identity, drain: Drain, jobs?: Jobs, usage: UsageOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const safe: Identity = { task: headerSafe(who.task), zone: headerSafe(who.zone) };

  const stream = (res: ServerResponse, plan: Parsed<StreamPlan>): void => {
    if (!plan.ok) return sendJson(res, 400, { error: plan.error });
    const tokens = plan.value.tokens;
    const handle = startStream(
      res,
      plan.value,
      { task: who.task, zone: who.zone },
      (end) => {
        drain.streamEnded(end);
        if (end === 'completed') usage.ledger?.record('stream', tokens);
      },
      safe,
    );
    drain.trackStream(res, handle);
  };

  return (req, res) => {
    drain.track(res);
    const url = parseUrl(req.url);
    if (drain.draining) {
      drain.refused();
      return sendJson(res, 503, url?.pathname === '/healthz' ? { status: 'draining' } : { error: 'draining: this task is shutting down' }, true);
    }
    if (url === undefined) return sendJson(res, 400, { error: `cannot parse the request target ${JSON.stringify(req.url)}` });
    const jobMatch = JOB_PATH.exec(url.pathname);
    const route = jobMatch ? '/v1/jobs/:id' : url.pathname;
    const method = jobs === undefined && route.startsWith('/v1/jobs') ? undefined : ROUTES[route];
    if (method === undefined) return sendJson(res, 404, { error: `no route ${url.pathname}` });
    if (req.method !== method) {
      res.setHeader('Allow', method);
      return sendJson(res, 405, { error: `${url.pathname} takes ${method}` });
    }
    if (jobs && jobMatch) {
      const record = jobs.get(decodeURIComponent(jobMatch[1]));
      return record ? sendJson(res, 200, record) : sendJson(res, 404, { error: `no job ${jobMatch[1]}` });
    }
    switch (url.pathname) {
      case '/healthz':
        return answerHealth(res, usage.healthCheckDatabase);
      case '/':
        return answerRead(res, { task: who.task, zone: who.zone, inflight: drain.streamsInFlight }, usage.ledger);
      case '/v1/stream':
        return stream(res, parseStreamQuery(url.searchParams));
      case '/v1/jobs':
        return readBody(req, (body) => {
          const seconds = jobSeconds(body);
          if (typeof seconds === 'string') return sendJson(res, 400, { error: seconds });
          return sendJson(res, 202, (jobs as Jobs).submit(seconds));
        });
      default:
        return readBody(req, (body) => stream(res, body === undefined ? { ok: false, error: `the body is larger than ${MAX_BODY_BYTES} bytes` } : parseCompletionBody(body, url.searchParams)));
    }
  };
}

/** The request target as a URL, or undefined when it is not one (never throws). */
function parseUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://service.invalid');
  } catch {
    return undefined;
  }
}

/** Reads the body as UTF-8; `undefined` when it is too large (the rest is not read). */
function readBody(req: IncomingMessage, done: (body: string | undefined) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  req.on('data', (chunk: Buffer) => {
    if (over) return;
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      over = true;
      return done(undefined);
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (!over) done(Buffer.concat(chunks).toString('utf8'));
  });
}

/** `{"seconds": N}` (default 2) → N, or the problem with the body. */
function jobSeconds(body: string | undefined): number | string {
  if (body === undefined) return `the body is larger than ${MAX_BODY_BYTES} bytes`;
  if (body.trim() === '') return 2;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return 'the body is not valid JSON';
  }
  const seconds = (json as { seconds?: unknown } | null)?.seconds ?? 2;
  if (typeof seconds !== 'number' || !(seconds >= 0) || seconds > MAX_JOB_SECONDS) return `"seconds" must be a number from 0 to ${MAX_JOB_SECONDS}`;
  return seconds;
}

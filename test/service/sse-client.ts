import * as http from 'http';

/** What a client saw of one SSE stream. */
export interface StreamResult {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** Parsed `data:` payloads other than [DONE]. */
  readonly events: Array<Record<string, unknown>>;
  readonly sawDone: boolean;
  /** The body as received. */
  readonly body: string;
  /** Set when the connection broke (reset, aborted) instead of ending. */
  readonly error?: string;
  readonly endedAtMs: number;
}

export interface OpenStream {
  /** Resolves at the first event (rejects if the stream ends before one). */
  readonly firstEvent: Promise<void>;
  readonly result: Promise<StreamResult>;
  abort(): void;
}

/** Opens a stream with Node's http client on its own connection (or the given agent). */
export function openStream(port: number, requestPath: string, options: { method?: string; body?: string; agent?: http.Agent | false } = {}): OpenStream {
  let body = '';
  let status = 0;
  let headers: http.IncomingHttpHeaders = {};
  let firstSeen = false;
  let resolveFirst!: () => void;
  let rejectFirst!: (e: Error) => void;
  const firstEvent = new Promise<void>((res, rej) => {
    resolveFirst = res;
    rejectFirst = rej;
  });
  firstEvent.catch(() => undefined);
  const req = http.request({ host: '127.0.0.1', port, path: requestPath, method: options.method ?? 'GET', agent: options.agent ?? false });
  const result = new Promise<StreamResult>((resolve) => {
    let settled = false;
    const settle = (error?: string): void => {
      if (settled) return;
      settled = true;
      const chunks = body
        .split('\n\n')
        .map((c) => c.trim())
        .filter((c) => c.startsWith('data: '))
        .map((c) => c.slice('data: '.length));
      const sawDone = chunks.includes('[DONE]');
      const events = chunks.filter((c) => c !== '[DONE]').map((c) => JSON.parse(c) as Record<string, unknown>);
      if (!firstSeen) rejectFirst(new Error(`the stream ended before its first event (status ${status}, error ${error ?? 'none'})`));
      resolve({ status, headers, events, sawDone, body, error, endedAtMs: Date.now() });
    };
    req.on('response', (res) => {
      status = res.statusCode ?? 0;
      headers = res.headers;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (!firstSeen && body.includes('data: ')) {
          firstSeen = true;
          resolveFirst();
        }
      });
      res.on('end', () => settle());
      res.on('aborted', () => settle('aborted'));
      res.on('error', (e) => settle(e.message));
      res.on('close', () => settle(res.complete ? undefined : 'closed before the end'));
    });
    req.on('error', (e) => settle((e as NodeJS.ErrnoException).code ?? e.message));
  });
  if (options.body !== undefined) {
    req.setHeader('Content-Type', 'application/json');
    req.end(options.body);
  } else req.end();
  return { firstEvent, result, abort: () => req.destroy() };
}

/** One short request on a new connection: status and body, or the error code (ECONNREFUSED…). */
export function request(
  port: number,
  requestPath: string,
  options: { method?: string; body?: string; agent?: http.Agent | false } = {},
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders } | { error: string }> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path: requestPath, method: options.method ?? 'GET', agent: options.agent ?? false, timeout: 10000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    if (options.body !== undefined) {
      req.setHeader('Content-Type', 'application/json');
      req.end(options.body);
    } else req.end();
  });
}

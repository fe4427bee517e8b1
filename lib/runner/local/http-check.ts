import { request } from 'node:http';

/** One health check's result: `detail` is what a person reads ("200", "503", "connection refused", "no answer within 500 ms"). */
export interface CheckResult {
  readonly ok: boolean;
  readonly detail: string;
}

/** One HTTP health check: GET `path` on 127.0.0.1:`port`, healthy when the answer is 200 within the timeout. Never rejects. */
export function httpCheck(port: number, path: string, timeoutMs: number): Promise<CheckResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (ok: boolean, detail: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ok, detail });
    };
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', agent: false, headers: { connection: 'close', 'user-agent': 'drills-health-check' } }, (res) => {
      res.resume();
      finish(res.statusCode === 200, String(res.statusCode));
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish(false, `no answer within ${timeoutMs} ms`);
    }, timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => finish(false, err.code === 'ECONNREFUSED' ? 'connection refused' : err.code === 'ECONNRESET' ? 'connection reset' : err.message));
    req.end();
  });
}

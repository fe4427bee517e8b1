import { request } from 'node:http';

/** One HTTP health check: GET `path` on 127.0.0.1:`port`, healthy when the answer is 200 within the timeout. */
export function httpCheck(port: number, path: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(ok);
    };
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', agent: false, headers: { connection: 'close', 'user-agent': 'drills-health-check' } }, (res) => {
      res.resume();
      finish(res.statusCode === 200);
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish(false);
    }, timeoutMs);
    req.on('error', () => finish(false));
    req.end();
  });
}

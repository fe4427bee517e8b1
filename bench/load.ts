/** Bounded load on 127.0.0.1: short requests at a fixed concurrency, and concurrent SSE streams. */
import * as http from 'http';

/** `count` GETs of `/` with `concurrency` in flight; latencies in ms and the wall time. */
export async function shortRequests(port: number, count: number, concurrency: number): Promise<{ latencies: number[]; failed: number; seconds: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let failed = 0;
  let issued = 0;
  const started = process.hrtime.bigint();
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const t0 = process.hrtime.bigint();
      const req = http.get({ host: '127.0.0.1', port, path: '/', agent, timeout: 10_000 }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          else failed += 1;
          resolve();
        });
      });
      req.on('error', () => ((failed += 1), resolve()));
      req.on('timeout', () => req.destroy());
    });
  const worker = async (): Promise<void> => {
    while (issued < count) {
      issued += 1;
      await one();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return { latencies, failed, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** `count` concurrent SSE streams; TTFT in ms and how many ended with [DONE]. */
export async function sseStreams(port: number, count: number, tokens: number, intervalMs: number): Promise<{ ttfts: number[]; clean: number }> {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const ttfts: number[] = [];
  let clean = 0;
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const t0 = process.hrtime.bigint();
      let first = true;
      let body = '';
      const req = http.get({ host: '127.0.0.1', port, path: `/v1/stream?tokens=${tokens}&intervalMs=${intervalMs}&ttftMs=0`, agent, timeout: 60_000 }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (first) {
            first = false;
            ttfts.push(Number(process.hrtime.bigint() - t0) / 1e6);
          }
          body = (body + chunk).slice(-64);
        });
        res.on('end', () => {
          if (body.includes('[DONE]')) clean += 1;
          resolve();
        });
        res.on('close', () => resolve());
      });
      req.on('error', () => resolve());
      req.on('timeout', () => req.destroy());
    });
  await Promise.all(Array.from({ length: count }, one));
  agent.destroy();
  return { ttfts, clean };
}

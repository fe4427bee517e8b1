/**
 * The local load balancer's cost: the same short requests and SSE streams straight to a demo
 * service and through the load balancer (http-proxy-3, two targets, health checks running).
 * The load comes from a child process, so this process's event loop and memory are the LB's.
 */
import { LoadBalancer } from '../lib/runner/local/load-balancer';
import { runClient } from './client-process';
import { peakRssMiB, resetPeakRss } from './proc-memory';
import { startService, type BenchService } from './services';
import { percentile, round, type Benchmark, type Measurement } from './types';

const REQUESTS = 4000;
/** Enough in flight to saturate the proxy: its throughput, and latency with a queue. */
const CONCURRENCY = 32;
/** A few in flight, nearer a drill's load: latency without a queue. */
const LIGHT = { count: 1000, concurrency: 4 };
const STREAMS = 300;
const STREAM = { tokens: 20, intervalMs: 50 };

interface RequestsResult {
  latencies: number[];
  failed: number;
  seconds: number;
}
interface StreamsResult {
  ttfts: number[];
  clean: number;
}

const p = (xs: number[], q: number): number => round(percentile(xs, q), 1);

async function waitHealthy(lb: LoadBalancer, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (lb.healthyCount() < count) {
    if (Date.now() > deadline) throw new Error(`load balancer: ${lb.healthyCount()} of ${count} targets healthy after 10 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const loadBalancerBench: Benchmark = {
  name: 'load-balancer',
  run: async () => {
    resetPeakRss();
    const services: BenchService[] = [];
    const lb = new LoadBalancer({
      healthPath: '/healthz',
      healthCheck: { intervalSeconds: 0.5, timeoutSeconds: 0.4, healthyThreshold: 2, unhealthyThreshold: 2 },
      onEvent: () => undefined,
      onChange: () => undefined,
    });
    try {
      services.push(await startService('bench-a'), await startService('bench-b'));
      const lbPort = await lb.listen();
      services.forEach((s, i) => lb.register({ id: `t${i}`, zone: 'bench', port: s.port }));
      await waitHealthy(lb, services.length);

      const requests = (port: number, count = REQUESTS, concurrency = CONCURRENCY) => runClient<RequestsResult>({ kind: 'requests', port, count, concurrency });
      const streams = (port: number) => runClient<StreamsResult>({ kind: 'streams', port, count: STREAMS, ...STREAM });
      const direct = await requests(services[0].port);
      const viaLb = await requests(lbPort);
      const directLight = await requests(services[0].port, LIGHT.count, LIGHT.concurrency);
      const viaLbLight = await requests(lbPort, LIGHT.count, LIGHT.concurrency);
      const directStreams = await streams(services[0].port);
      const lbStreams = await streams(lbPort);

      const rate = (r: RequestsResult): number => round(r.latencies.length / r.seconds, 0);
      const light = `${LIGHT.concurrency} in flight`;
      const busy = `${CONCURRENCY} in flight`;
      const m: Measurement[] = [
        { name: `direct requests/s (one service, ${busy})`, value: rate(direct), unit: 'req/s' },
        // The heaviest local probe sends 20 requests/s and 6 streams; 500/s is 25 times that.
        { name: `via LB requests/s (two services, ${busy})`, value: rate(viaLb), unit: 'req/s', target: { op: '>=', bound: 500 } },
        { name: 'via LB failed requests', value: viaLb.failed + viaLbLight.failed, unit: `of ${REQUESTS + LIGHT.count}`, target: { op: '<=', bound: 0 } },
        { name: `direct latency p50 / p99 (${light})`, value: p(directLight.latencies, 99), unit: `ms p99 (p50 ${p(directLight.latencies, 50)})` },
        { name: `via LB latency p50 (${light})`, value: p(viaLbLight.latencies, 50), unit: 'ms', target: { op: '<=', bound: 20 } },
        { name: `via LB latency p99 (${light})`, value: p(viaLbLight.latencies, 99), unit: 'ms', target: { op: '<=', bound: 50 } },
        { name: `direct latency p50 / p99 (${busy})`, value: p(direct.latencies, 99), unit: `ms p99 (p50 ${p(direct.latencies, 50)})` },
        // Saturated, the queue sets the latency; it must still stay under the 300 ms first token
        // the local drills expect.
        { name: `via LB latency p50 / p99 (${busy})`, value: p(viaLb.latencies, 99), unit: `ms p99 (p50 ${p(viaLb.latencies, 50)})`, target: { op: '<=', bound: 250 } },
        { name: `direct clean streams of ${STREAMS}`, value: directStreams.clean, unit: 'streams' },
        { name: `via LB clean streams of ${STREAMS}`, value: lbStreams.clean, unit: 'streams', target: { op: '>=', bound: STREAMS } },
        { name: 'direct TTFT p50 / p99', value: p(directStreams.ttfts, 99), unit: `ms p99 (p50 ${p(directStreams.ttfts, 50)})` },
        { name: 'via LB TTFT p50 / p99', value: p(lbStreams.ttfts, 99), unit: `ms p99 (p50 ${p(lbStreams.ttfts, 50)})` },
        // The local drills expect a 300 ms TTFT; the proxy may add at most that much again.
        { name: 'TTFT added by the LB, p50', value: round(p(lbStreams.ttfts, 50) - p(directStreams.ttfts, 50), 1), unit: 'ms', target: { op: '<=', bound: 150 } },
        { name: 'TTFT added by the LB, p99', value: round(p(lbStreams.ttfts, 99) - p(directStreams.ttfts, 99), 1), unit: 'ms', target: { op: '<=', bound: 300 } },
        { name: 'bench process (the LB) peak RSS', value: round(peakRssMiB('self'), 0), unit: 'MiB', target: { op: '<=', bound: 300 } },
        { name: 'service process peak RSS (max of 2)', value: round(Math.max(...services.map((s) => s.peakRssMiB())), 0), unit: 'MiB', target: { op: '<=', bound: 200 } },
      ];
      return m;
    } finally {
      await lb.close();
      await Promise.all(services.map((s) => s.stop()));
    }
  },
};

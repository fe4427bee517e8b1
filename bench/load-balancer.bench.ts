/**
 * The local load balancer's cost: the same short requests and SSE streams straight to a demo
 * service and through the load balancer (http-proxy-3, two targets, health checks running).
 */
import { LoadBalancer } from '../lib/runner/local/load-balancer';
import { shortRequests, sseStreams } from './load';
import { startService } from './services';
import { percentile, round, type Benchmark, type Measurement } from './types';

const REQUESTS = 3000;
const CONCURRENCY = 32;
const STREAMS = 300;

export const loadBalancerBench: Benchmark = {
  name: 'load-balancer',
  run: async () => {
    const services = [await startService('bench-a'), await startService('bench-b')];
    const lb = new LoadBalancer({
      healthPath: '/healthz',
      healthCheck: { intervalSeconds: 0.5, timeoutSeconds: 0.4, healthyThreshold: 2, unhealthyThreshold: 2 },
      onEvent: () => undefined,
      onChange: () => undefined,
    });
    try {
      const lbPort = await lb.listen();
      services.forEach((s, i) => lb.register({ id: `t${i}`, zone: 'bench', port: s.port }));
      const deadline = Date.now() + 10_000;
      while (lb.healthyCount() < services.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

      const direct = await shortRequests(services[0].port, REQUESTS, CONCURRENCY);
      const viaLb = await shortRequests(lbPort, REQUESTS, CONCURRENCY);
      const directStreams = await sseStreams(services[0].port, STREAMS, 20, 50);
      const lbStreams = await sseStreams(lbPort, STREAMS, 20, 50);
      const rssMiB = process.memoryUsage().rss / 2 ** 20;

      const p = (xs: number[], q: number) => round(percentile(xs, q), 2);
      const m: Measurement[] = [
        { name: 'direct requests/s', value: round(REQUESTS / direct.seconds, 0), unit: 'req/s' },
        // The client and the proxy share this process's event loop, so this is a floor, not the
        // proxy's own ceiling. The heaviest local probe sends 20 requests/s and 6 streams: the
        // target is 50 times that request rate.
        { name: 'via LB requests/s', value: round(REQUESTS / viaLb.seconds, 0), unit: 'req/s', target: { op: '>=', bound: 1000 } },
        { name: 'via LB failed requests', value: viaLb.failed, unit: 'count', target: { op: '<=', bound: 0 } },
        { name: 'direct p50 / p99 latency', value: p(direct.latencies, 99), unit: `ms p99 (p50 ${p(direct.latencies, 50)})` },
        { name: 'via LB p99 latency', value: p(viaLb.latencies, 99), unit: `ms (p50 ${p(viaLb.latencies, 50)})`, target: { op: '<=', bound: 100 } },
        { name: `via LB clean streams of ${STREAMS}`, value: lbStreams.clean, unit: 'streams', target: { op: '>=', bound: STREAMS } },
        { name: 'direct TTFT p99', value: p(directStreams.ttfts, 99), unit: 'ms' },
        { name: 'via LB TTFT p99', value: p(lbStreams.ttfts, 99), unit: 'ms', target: { op: '<=', bound: 500 } },
        { name: 'bench process (LB) peak RSS', value: round(rssMiB, 0), unit: 'MiB', target: { op: '<=', bound: 300 } },
        { name: 'service process peak RSS', value: round(Math.max(...services.map((s) => s.peakRssMiB())), 0), unit: 'MiB', target: { op: '<=', bound: 200 } },
      ];
      return m;
    } finally {
      await lb.close();
      await Promise.all(services.map((s) => s.stop()));
    }
  },
};

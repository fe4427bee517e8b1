/**
 * The load generator in its own process, so the load balancer's process (the bench) pays only
 * for proxying. `node dist/bench/load-client.js '<json ClientJob>'` prints one JSON result line.
 */
import { shortRequests, sseStreams } from './load';

export type ClientJob =
  | { readonly kind: 'requests'; readonly port: number; readonly count: number; readonly concurrency: number }
  | { readonly kind: 'streams'; readonly port: number; readonly count: number; readonly tokens: number; readonly intervalMs: number };

async function runJob(job: ClientJob): Promise<unknown> {
  return job.kind === 'requests' ? shortRequests(job.port, job.count, job.concurrency) : sseStreams(job.port, job.count, job.tokens, job.intervalMs);
}

if (require.main === module) {
  runJob(JSON.parse(process.argv[2] ?? '{}') as ClientJob).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (e: unknown) => {
      process.stderr.write(`load-client: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

import * as http from 'http';
import type { AddressInfo } from 'net';
import { createHandler } from './app';
import { Database } from './database';
import { Drain } from './drain';
import { readEnv, type ServiceEnv } from './env';
import { Jobs } from './jobs';
import { log } from './log';
import { UsageLedger } from './usage-ledger';

/** `node dist/server.js`: the demo streaming service that drains on SIGTERM. */
function main(): void {
  let env: ServiceEnv;
  try {
    env = readEnv(process.env);
  } catch (e) {
    log('config-error', { message: (e as Error).message });
    process.stderr.write(`service: ${(e as Error).message}\n`);
    process.exit(2);
  }

  const server = http.createServer();
  // Longer than an ALB's 60 s idle timeout, so the load balancer closes idle connections first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 0;
  const drain = new Drain(server, { drainTimeoutMs: env.drainTimeoutMs, log, exit: (code) => process.exit(code) });
  // The usage ledger: PostgreSQL when DATABASE_URL is set (pool, timeouts, backoff: database.ts), else memory.
  // (The ledger is declared below; the database calls back only once a connection succeeded.)
  const database = env.database ? new Database(env.database, log, () => void ledger.flush()) : undefined;
  const ledger = new UsageLedger(env.task, database, log);
  const jobs = new Jobs(Jobs.dirFrom(process.env), env.task, (job) => {
    if (job.state === 'done') ledger.record('job', job.seconds);
    drain.workEnded();
  });
  drain.holdWork(jobs);
  const healthCheckDatabase = database && env.database?.healthIncludesDatabase ? () => database.query('SELECT 1') : undefined;
  server.on('request', createHandler({ task: env.task, zone: env.zone }, drain, jobs, { ledger, healthCheckDatabase }));
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  server.on('error', (err: NodeJS.ErrnoException) => {
    log('error', { code: err.code ?? null, message: err.message });
    process.stderr.write(`service: cannot listen on ${env.host}:${env.port}: ${err.code ?? ''} ${err.message}\n`);
    process.exit(1);
  });

  process.on('uncaughtException', (err) => {
    log('crash', { message: err.message, stack: err.stack ?? null });
    process.exit(1);
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => drain.begin(signal));

  server.listen(env.port, env.host, () => {
    const port = (server.address() as AddressInfo).port;
    log('started', { port, host: env.host, task: env.task, zone: env.zone, drainTimeoutMs: env.drainTimeoutMs, pid: process.pid, node: process.version, ledger: ledger.backend });
  });
}

main();

/** Demo service processes on 127.0.0.1 for the benchmarks: started, awaited healthy, stopped. */
import { spawn, type ChildProcess } from 'child_process';
import * as http from 'http';
import * as path from 'path';
import { freePort } from '../lib/runner/local/free-port';
import { track } from './children';
import { peakRssMiB } from './proc-memory';

export interface BenchService {
  readonly port: number;
  readonly pid: number;
  /** Peak resident memory (VmHWM) in MiB, read from /proc. */
  peakRssMiB(): number;
  stop(): Promise<void>;
}

const SERVER = path.resolve(__dirname, '../../service/dist/server.js');

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 500 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

export async function startService(id: string): Promise<BenchService> {
  const port = await freePort();
  const child: ChildProcess = track(
    spawn(process.execPath, [SERVER], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', TASK_ID: id, ZONE: 'bench' },
      stdio: 'ignore',
    }),
  );
  const deadline = Date.now() + 10_000;
  while (!(await healthy(port))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`bench service ${id} did not become healthy on port ${port}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const pid = child.pid as number;
  return {
    port,
    pid,
    peakRssMiB: () => peakRssMiB(pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Demo service processes on 127.0.0.1 for the benchmarks: started, awaited healthy, stopped. */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { freePort } from '../lib/runner/local/free-port';

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
  const child: ChildProcess = spawn(process.execPath, [SERVER], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', TASK_ID: id, ZONE: 'bench' },
    stdio: 'ignore',
  });
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
    peakRssMiB: () => {
      const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      return match ? Number(match[1]) / 1024 : NaN;
    },
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

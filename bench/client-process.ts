/** Runs one load job in a child process (bench/load-client.ts), bounded in time, and reads its result. */
import { spawn } from 'child_process';
import * as path from 'path';
import { killTree, track } from './children';
import type { ClientJob } from './load-client';

const CLIENT = path.resolve(__dirname, 'load-client.js');

export function runClient<T>(job: ClientJob, timeoutMs = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = track(spawn(process.execPath, [CLIENT, JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'inherit'] }));
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (c: string) => (out += c));
    const timer = setTimeout(() => killTree(child), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`load client (${job.kind}) ended with ${signal ?? code}${signal === 'SIGKILL' ? ` after ${timeoutMs} ms` : ''}`));
      try {
        resolve(JSON.parse(out) as T);
      } catch {
        reject(new Error(`load client (${job.kind}) printed no result`));
      }
    });
  });
}

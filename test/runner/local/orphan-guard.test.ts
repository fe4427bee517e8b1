import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO, isAlive, waitFor } from './harness';

let runner: ChildProcess | undefined;
let pids: number[] = [];
afterEach(() => {
  runner?.kill('SIGKILL');
  for (const pid of pids.filter(isAlive)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  runner = undefined;
  pids = [];
});

/** Starts run-engine.ts in its own node process and reads the task pids it prints. */
async function startRunner(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'run-engine.ts')], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  runner = child;
  let out = '';
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`run-engine.ts printed nothing in 30 s: ${err}`)), 30000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      pids = (JSON.parse(out.split('\n')[0]) as { pids: number[] }).pids;
      resolve();
    });
    child.once('exit', (code) => reject(new Error(`run-engine.ts exited ${code}: ${err}`)));
  });
  return child;
}

describe('the orphan guard', () => {
  test.each(['SIGKILL', 'SIGTERM'] as const)('kills every task when the runner dies by %s without closing the engine', async (signal) => {
    const child = await startRunner();
    expect(pids).toHaveLength(2);
    expect(pids.filter(isAlive)).toHaveLength(2);
    child.kill(signal);
    await waitFor(() => pids.every((pid) => !isAlive(pid)), 5000, 'every task to be gone').catch(() => undefined);
    expect(pids.filter(isAlive)).toEqual([]);
  });
});

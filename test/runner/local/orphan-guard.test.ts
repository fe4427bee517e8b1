import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, isAlive, waitFor } from './harness';

let runner: ChildProcess | undefined;
let pids: number[] = [];
let dataDir: string | undefined;
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
async function startRunner(...args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'run-engine.ts'), ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  runner = child;
  let out = '';
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`run-engine.ts printed nothing in 60 s: ${err}`)), 60000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      ({ pids, dataDir } = JSON.parse(out.split('\n')[0]) as { pids: number[]; dataDir?: string });
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

  test('kills the PostgreSQL server and removes its data folder when the runner dies by SIGKILL', async () => {
    const child = await startRunner('database');
    expect(dataDir && existsSync(dataDir)).toBe(true);
    const postgres = Number(readFileSync(join(dataDir as string, 'postmaster.pid'), 'utf8').split('\n')[0]);
    pids.push(postgres);
    expect(isAlive(postgres)).toBe(true);
    child.kill('SIGKILL');
    await waitFor(() => pids.every((pid) => !isAlive(pid)) && !existsSync(dataDir as string), 10000, 'the tasks, the server and the folder to be gone').catch(() => undefined);
    expect(pids.filter(isAlive)).toEqual([]);
    expect(existsSync(dataDir as string)).toBe(false);
  }, 90_000);
});

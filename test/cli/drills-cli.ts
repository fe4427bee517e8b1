/** Spawns `node dist/bin/drills.js` (build first) and collects its output; killed at the bound. */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../..');
export const DRILLS_JS = path.join(ROOT, 'dist/bin/drills.js');

export interface CliRun {
  readonly child: ChildProcess;
  readonly done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

const live = new Set<ChildProcess>();

/** `cwd`: where it runs (its project root is the nearest folder up with a package.json). @default the repository */
export function drills(args: readonly string[], timeoutMs = 120_000, env: NodeJS.ProcessEnv = {}, cwd = ROOT): CliRun {
  const child = spawn(process.execPath, [DRILLS_JS, ...args], { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  live.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const timer = setTimeout(() => killGroup(child), timeoutMs);
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      live.delete(child);
      resolve({ code, stdout, stderr });
    }),
  );
  return { child, done };
}

export function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* gone */
  }
}

export function killAll(): void {
  for (const c of live) killGroup(c);
}

/**
 * PIDs of live processes whose environment carries `name=value`. Task processes inherit the
 * CLI's environment but lead process groups of their own, so this finds what a group check misses.
 */
export function processesWithEnv(name: string, value: string): number[] {
  const needle = `${name}=${value}`;
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(needle)) found.push(Number(entry));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return found.filter((pid) => !isZombie(pid));
}

function isZombie(pid: number): boolean {
  try {
    return /^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}

/** The `--json` summary of `drills rehearse`. */
export interface RehearseSummary {
  verdict: string;
  runs: { drill: string; verdict: string; figures: Record<string, number>; evidence: string }[];
}

/**
 * A fresh evidence folder for the test file (read it inside tests), removed afterwards,
 * together with any CLI process still running.
 */
export function evidenceFolder(prefix: string): () => string {
  let dir = '';
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))));
  afterAll(() => {
    killAll();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}

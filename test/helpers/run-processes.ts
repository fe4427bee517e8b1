/**
 * What is left of a rehearsal: live processes that carry the run's marker in their environment
 * (the CLI, its orphan guard, every task and anything a task started inherit it), read from /proc.
 */
import * as fs from 'fs';
import { processesWithEnv } from '../cli/drills-cli';

/** The command line of a process, arguments joined by spaces; '' once it is gone. */
export function commandLineOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** Marked processes whose command line contains `needle` (e.g. a fixture's file name). */
export function markedProcessesRunning(name: string, marker: string, needle: string): number[] {
  return processesWithEnv(name, marker).filter((pid) => commandLineOf(pid).includes(needle));
}

/** Polls until `probe` is true or the bound passes; says which. */
export async function pollUntil(probe: () => boolean, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (probe()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Marked processes still alive once the kernel had a moment to reap what was just killed,
 * each with its command line so a failure names what survived.
 */
export async function survivorsOf(name: string, marker: string, graceMs = 3000): Promise<string[]> {
  await pollUntil(() => processesWithEnv(name, marker).length === 0, graceMs, 100);
  return processesWithEnv(name, marker).map((pid) => `${pid} ${commandLineOf(pid)}`);
}

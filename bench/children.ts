/**
 * Every process the bench starts is registered here, so an error, Ctrl-C or SIGTERM part-way
 * through still stops them all (each benchmark also stops its own in `finally`).
 */
import type { ChildProcess } from 'child_process';

const running = new Set<ChildProcess>();

export function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** SIGKILL to each tracked child (to its whole group when it leads one, e.g. npx → cdk → ts-node). */
export function killAll(): void {
  for (const child of running) killTree(child);
}

export function killTree(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

/** Installs the last-resort clean-up once, for the bench's entry point. */
export function stopChildrenOnExit(): void {
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`bench: ${signal}, stopping ${running.size} process(es)\n`);
      killAll();
      process.exit(130);
    });
  }
}

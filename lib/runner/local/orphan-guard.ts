import { spawn, type ChildProcess } from 'node:child_process';

/**
 * The guard's program: it keeps the process groups it is told about (`+pgid`, `-pgid` lines on
 * stdin) and the folders (`d/path`, `u/path`) and, if its stdin closes without `exit` — the
 * engine's process died, even by SIGKILL — SIGKILLs every one of the groups, then removes the
 * folders (a moment later, retried, so the killed processes no longer write into them).
 */
const GUARD_PROGRAM = `
const fs = require('fs');
const groups = new Set(); const dirs = new Set(); let buffer = ''; let clean = false; let done = false;
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk; const lines = buffer.split('\\n'); buffer = lines.pop();
  for (const line of lines) {
    if (line === 'exit') clean = true;
    else if (line[0] === '+') groups.add(Number(line.slice(1)));
    else if (line[0] === '-') groups.delete(Number(line.slice(1)));
    else if (line[0] === 'd') dirs.add(line.slice(1));
    else if (line[0] === 'u') dirs.delete(line.slice(1));
  }
});
const removeDirs = (tries) => {
  for (const d of dirs) { try { fs.rmSync(d, { recursive: true, force: true }); dirs.delete(d); } catch {} }
  if (dirs.size > 0 && tries > 0) setTimeout(() => removeDirs(tries - 1), 200); else process.exit(0);
};
const finish = () => {
  if (done) return; done = true;
  if (clean) process.exit(0);
  for (const g of groups) { try { process.kill(-g, 'SIGKILL'); } catch {} }
  if (dirs.size === 0) process.exit(0);
  setTimeout(() => removeDirs(10), 200);
};
process.stdin.on('end', finish); process.stdin.on('close', finish); process.stdin.on('error', finish);
`;

/**
 * A watchdog process, in its own process group, that kills the engine's task groups if the
 * engine's process dies without closing the engine (SIGKILL, a crash, a signal nobody handled).
 * It holds nothing open in this process (unref'd), so it never keeps the runner alive.
 */
export class OrphanGuard {
  private readonly child: ChildProcess;

  constructor() {
    this.child = spawn(process.execPath, ['-e', GUARD_PROGRAM], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
    this.child.on('error', () => undefined);
    this.child.stdin?.on('error', () => undefined);
    this.child.unref();
    (this.child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  watch(pgid: number): void {
    this.send(`+${pgid}`);
  }

  forget(pgid: number): void {
    this.send(`-${pgid}`);
  }

  /** A folder to remove (after the kills) if the engine's process dies without closing: a database's data directory. */
  watchDir(dir: string): void {
    this.send(`d${dir}`);
  }

  forgetDir(dir: string): void {
    this.send(`u${dir}`);
  }

  /** Everything was stopped cleanly: the guard exits without killing anything. */
  release(): void {
    this.send('exit');
    this.child.stdin?.end();
  }

  private send(line: string): void {
    if (this.child.stdin?.writable) this.child.stdin.write(`${line}\n`);
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { catchesSignal } from './pid1-signal';

/** How long an exit waits for the task's pipes to deliver what it wrote last. */
const OUTPUT_DRAIN_MS = 500;

export interface TaskExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface TaskProcessOptions {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Each line the task writes on stdout or stderr. */
  readonly onLine?: (line: string) => void;
}

/** What became of a signal sent to the main process. */
export type SignalDelivery = 'delivered' | 'dropped' | 'gone';

const TAIL_CHARS = 2000;

/**
 * One task: its main process and the process group it leads (spawned detached), as a container
 * is its PID namespace. Signals go to the main process, with PID 1's rule (a signal it has no
 * handler for is dropped); when the main process exits, whatever is left of the group is
 * SIGKILLed, as the container runtime does when PID 1 exits.
 */
export class TaskProcess {
  readonly pid: number | undefined;
  readonly exited: Promise<TaskExit>;
  private exit?: TaskExit;
  /** Why the process could not be started (ENOENT, EACCES…). */
  spawnError?: string;
  private outputTail = '';
  /** Set once the group was SIGKILLed after the main process exited: its id may be reused from then on. */
  private groupGone = false;
  private readonly child: ChildProcess;

  constructor(options: TaskProcessOptions) {
    const [file, ...args] = options.argv;
    this.child = spawn(file, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.pid = this.child.pid;
    for (const stream of [this.child.stdout, this.child.stderr]) {
      let partial = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        this.outputTail = (this.outputTail + chunk).slice(-TAIL_CHARS);
        const lines = (partial + chunk).split('\n');
        partial = (lines.pop() ?? '').slice(-TAIL_CHARS);
        for (const line of lines) options.onLine?.(line);
      });
      stream?.on('end', () => {
        if (partial) options.onLine?.(partial);
        partial = '';
      });
    }
    this.exited = new Promise((resolve) => {
      const done = (exit: TaskExit) => {
        if (this.exit) return;
        this.exit = exit;
        this.killGroup('SIGKILL');
        this.groupGone = true;
        resolve(exit);
      };
      // 'exit' can come before the last of the output is read (an EADDRINUSE line, say): the
      // group is killed at once, and the exit is reported once the pipes closed (500 ms at most).
      this.child.once('exit', (code, signal) => {
        this.killGroup('SIGKILL');
        const reported = () => done({ code, signal });
        const bound = setTimeout(reported, OUTPUT_DRAIN_MS);
        this.child.once('close', () => {
          clearTimeout(bound);
          reported();
        });
      });
      this.child.once('error', (err) => {
        if (this.pid === undefined) this.spawnError = err.message;
        done({ code: null, signal: null });
      });
    });
  }

  get alive(): boolean {
    return this.pid !== undefined && this.exit === undefined;
  }

  get exitStatus(): TaskExit | undefined {
    return this.exit;
  }

  /** The last lines the task wrote (for error messages). */
  get output(): string {
    return this.outputTail;
  }

  /** Sends a signal to the main process as ECS sends it to PID 1. */
  signal(signal: NodeJS.Signals): SignalDelivery {
    if (!this.alive || this.pid === undefined) return 'gone';
    if (signal !== 'SIGKILL' && catchesSignal(this.pid, signal) === false) return 'dropped';
    try {
      process.kill(this.pid, signal);
      return 'delivered';
    } catch {
      return 'gone';
    }
  }

  /** Signals every process of the task's group (the main process leads it). */
  killGroup(signal: NodeJS.Signals): void {
    if (this.pid === undefined || this.groupGone) return;
    try {
      process.kill(-this.pid, signal);
    } catch {
      // the group is empty already
    }
  }
}

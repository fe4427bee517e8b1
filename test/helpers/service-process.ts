import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The compiled demo service (`npm run build` or `npx tsc -p service/tsconfig.json` makes it). */
export const SERVICE_SERVER_JS = path.resolve(__dirname, '../../service/dist/server.js');

export interface ServiceLogLine {
  readonly event: string;
  readonly [field: string]: unknown;
}

export interface ServiceExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Date.now() when the process exited. */
  readonly atMs: number;
}

export interface ServiceProcess {
  readonly port: number;
  readonly proc: ChildProcess;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<ServiceExit>;
  /** JSON log lines seen so far on stdout. */
  logs(): ServiceLogLine[];
  /** stdout and stderr as text, for failure messages. */
  output(): string;
  /** Resolves with the first log line of this event (already seen or still to come); rejects after timeoutMs. */
  waitForLog(event: string, timeoutMs?: number): Promise<ServiceLogLine>;
  /** SIGKILLs the process if it is still running and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartServiceOptions {
  /** @default 0 (an ephemeral port, read from the "started" log line) */
  readonly port?: number;
  /** Extra environment (TASK_ID, ZONE, DRAIN_TIMEOUT_MS…); HOST is always 127.0.0.1. */
  readonly env?: Record<string, string>;
  /** @default 15000 */
  readonly startTimeoutMs?: number;
}

const running = new Set<ServiceProcess>();

/** Stops every service process started through this helper and not stopped yet (for afterEach). */
export async function stopAllServices(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
}

/**
 * Starts `node service/dist/server.js` on 127.0.0.1 and resolves once its "started" log line
 * names the bound port. The process is SIGKILLed if it does not start in time.
 */
export async function startService(options: StartServiceOptions = {}): Promise<ServiceProcess> {
  if (!fs.existsSync(SERVICE_SERVER_JS)) {
    throw new Error(`${SERVICE_SERVER_JS} is missing: build the service first (npm run build, or npx tsc -p service/tsconfig.json)`);
  }
  const proc = spawn(process.execPath, [SERVICE_SERVER_JS], {
    env: { ...process.env, ...options.env, PORT: String(options.port ?? 0), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: ServiceLogLine[] = [];
  const waiters: Array<() => void> = [];
  let text = '';
  let partial = '';
  proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
    partial += chunk;
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      try {
        lines.push(JSON.parse(line) as ServiceLogLine);
      } catch {
        // not a log line; kept in output()
      }
    }
    waiters.splice(0).forEach((w) => w());
  });
  proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  let exitInfo: ServiceExit | undefined;
  const exited = new Promise<ServiceExit>((resolve) => {
    proc.on('exit', (code, signal) => {
      exitInfo = { code, signal, atMs: Date.now() };
      resolve(exitInfo);
      waiters.splice(0).forEach((w) => w());
    });
    proc.on('error', (err) => {
      text += `\nspawn error: ${err.message}`;
      exitInfo = { code: null, signal: null, atMs: Date.now() };
      resolve(exitInfo);
    });
  });

  const waitForLog = (event: string, timeoutMs = 15000): Promise<ServiceLogLine> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${event}" log line within ${timeoutMs} ms; output:\n${text}`)), timeoutMs);
      const check = (): void => {
        const found = lines.find((l) => l.event === event);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        } else if (exitInfo) {
          clearTimeout(timer);
          reject(new Error(`the service exited (code ${exitInfo.code}, signal ${exitInfo.signal}) without a "${event}" log line; output:\n${text}`));
        } else waiters.push(check);
      };
      check();
    });

  const stop = async (): Promise<void> => {
    running.delete(handle);
    if (!exitInfo && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    await exited;
  };

  let port = 0;
  const handle: ServiceProcess = {
    get port() {
      return port;
    },
    proc,
    exited,
    logs: () => [...lines],
    output: () => text,
    waitForLog,
    stop,
  };
  running.add(handle);
  try {
    const started = await waitForLog('started', options.startTimeoutMs ?? 15000);
    port = Number(started.port);
    return handle;
  } catch (e) {
    await stop();
    throw e;
  }
}

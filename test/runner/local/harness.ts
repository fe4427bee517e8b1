/** Shared helpers for the local engine's tests: short settings, fixture commands, a stream client, cleanup. */
import { readFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import { configWith, type DrillsConfig, type DrillsConfigOverrides } from '../../../lib/config';
import type { Drill, Fault } from '../../../lib/drill';
import { LocalEngine, type LocalEngineOptions } from '../../../lib/runner/local';
import type { TimelineEntry } from '../../../lib/runner/samples';
import { findDrill } from '../../../experiments';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'services');
export const REPO = join(__dirname, '..', '..', '..');

export function fixtureCommand(name: string): string {
  return `node "${join(FIXTURES, `${name}.js`)}"`;
}

/** The drain budget shrunk to seconds, local intervals small. */
export function shortConfig(overrides: DrillsConfigOverrides = {}): DrillsConfig {
  return configWith({
    ...overrides,
    service: { stopTimeoutSeconds: 3, longestRequestSeconds: 2, deregistrationDelaySeconds: 3, drainTimeoutMs: 2500, ...overrides.service },
    local: {
      launchDelayMs: 100,
      // No tighter than a loaded 2-core machine's event loop keeps (a 0.2 s timeout was missed under load).
      albHealthCheck: { intervalSeconds: 0.5, timeoutSeconds: 0.4, healthyThreshold: 2, unhealthyThreshold: 2 },
      containerHealthCheck: { intervalSeconds: 0.5, timeoutSeconds: 0.45, retries: 3, startPeriodSeconds: 0.5 },
      ...overrides.local,
    },
  });
}

export function drillWith(fault: Fault): Drill {
  const base = findDrill('task-stop-drain') as Drill;
  return { ...base, fault };
}

/** Creates engines and closes every one of them (call `closeAll` in afterEach). */
export class EngineHarness {
  readonly engines: LocalEngine[] = [];
  readonly events: TimelineEntry[] = [];

  create(options: Partial<LocalEngineOptions> & { readonly command: string }): LocalEngine {
    const engine = new LocalEngine({
      config: shortConfig(),
      cwd: REPO,
      stopOrder: 'together',
      onEvent: (entry) => this.events.push(entry),
      startTimeoutMs: 15000,
      ...options,
    });
    this.engines.push(engine);
    return engine;
  }

  kinds(kind: TimelineEntry['kind']): TimelineEntry[] {
    return this.events.filter((e) => e.kind === kind);
  }

  /** Pids of every task process the engines started (read from task-started / replacement-started). */
  pids(): number[] {
    return this.events
      .filter((e) => e.kind === 'task-started' || e.kind === 'replacement-started')
      .map((e) => Number(/pid (\d+)/.exec(e.detail ?? '')?.[1]))
      .filter((pid) => Number.isInteger(pid) && pid > 0);
  }

  /** Closes every engine and forgets them and their events (afterEach). */
  async closeAll(): Promise<void> {
    await Promise.all(this.engines.splice(0).map((e) => e.close()));
    this.events.splice(0);
  }
}

/** Whether a process exists and is not a zombie waiting for init to reap it. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc: kill(0) is all we know
  }
}

export interface StreamResult {
  readonly status: number;
  readonly events: number;
  readonly done: boolean;
  readonly broken: boolean;
  readonly task?: string;
  readonly zone?: string;
  readonly endedAtMs: number;
}

/** Opens an SSE stream; `firstEvent` resolves at its first event, `result` when it ends (cleanly or not). */
export function openStream(url: string, tokens: number, intervalMs: number, timeoutMs = 20000): { firstEvent: Promise<void>; result: Promise<StreamResult> } {
  let onFirst: () => void = () => undefined;
  const firstEvent = new Promise<void>((resolve) => (onFirst = resolve));
  const result = new Promise<StreamResult>((resolve) => {
    let events = 0;
    let done = false;
    let status = 0;
    let task: string | undefined;
    let zone: string | undefined;
    let buffer = '';
    let settled = false;
    const finish = (broken: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      onFirst();
      resolve({ status, events, done, broken: broken || !done, task, zone, endedAtMs: Date.now() });
    };
    const timer = setTimeout(() => {
      req.destroy();
      finish(true);
    }, timeoutMs);
    const req = httpGet(`${url}/v1/stream?tokens=${tokens}&intervalMs=${intervalMs}&ttftMs=0`, { agent: false }, (res) => {
      status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        const parts = buffer.split('\n\n');
        buffer = parts.pop() ?? '';
        for (const part of parts) {
          const data = part.replace(/^data: /, '');
          if (data === '[DONE]') done = true;
          else {
            events += 1;
            const parsed = JSON.parse(data) as { task?: string; zone?: string };
            task = parsed.task;
            zone = parsed.zone;
            onFirst();
          }
        }
      });
      res.on('end', () => finish(false));
      res.on('error', () => finish(true));
      res.on('close', () => finish(!res.complete));
    });
    req.on('error', () => finish(true));
  });
  return { firstEvent, result };
}

export function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpGet(url, { agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(text) as Record<string, unknown>;
        } catch {
          body = { text };
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
  });
}

export function waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (predicate()) resolve();
      else if (Date.now() > deadline) reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      else setTimeout(tick, 25);
    };
    tick();
  });
}

/** Sends `GET /` every `everyMs` until stopped; collects the statuses (0 = no answer). */
export function requestLoop(url: string, everyMs: number): { stop: () => Promise<number[]> } {
  const statuses: number[] = [];
  const pending = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const p = getJson(`${url}/`).then(
      (r) => void statuses.push(r.status),
      () => void statuses.push(0),
    );
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }, everyMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all([...pending]);
      return statuses;
    },
  };
}

import { localContainerHealthCheck, type DrillsConfig } from '../../config';
import { SERVICE_ENV } from '../../contract';
import type { TimelineEntry } from '../samples';
import type { FleetTask } from './fleet-task';
import { recordContainerCheck, STARTING } from './container-health';
import { freePort } from './free-port';
import { HealthCheckLoop } from './health-check-loop';
import { httpCheck } from './http-check';
import type { LoadBalancer } from './load-balancer';
import type { OrphanGuard } from './orphan-guard';
import { placeTask } from './place-task';
import { TaskProcess } from './task-process';

export type StopOrder = 'together' | 'drain-first';

export interface FleetOptions {
  readonly config: DrillsConfig;
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly stopOrder: StopOrder;
  readonly lb: LoadBalancer;
  readonly onEvent: (entry: TimelineEntry) => void;
  readonly log: (line: string) => void;
  /** Called after any change of the fleet (task started, stopping, exited). */
  readonly onChange: () => void;
  readonly nowMs: () => number;
  /** Told about every task's process group, to kill them if this process dies without closing. */
  readonly guard?: OrphanGuard;
  /** More environment for each task as it launches (DATABASE_URL of the engine's database). @default - none */
  readonly env?: () => Record<string, string>;
}

/**
 * The service scheduler: `desiredCount` tasks spread over the open zones, each registered with
 * the load balancer; a task that stops is replaced after the launch delay; a task whose
 * container health check fails `retries` times is stopped and replaced; a closed zone gets no
 * placement. Also runs the cooperative stop (StopTask) and the hard kills.
 */
export class Fleet {
  readonly tasks: FleetTask[] = [];
  /** Tasks that were still alive at stopTimeout during a cooperative stop. */
  sigkilled = 0;
  /** Tasks stopped (and replaced) because their container health check failed. */
  replacedByHealthCheck = 0;
  private readonly closedZones = new Set<string>();
  private launching = 0;
  private readonly launchingPerZone = new Map<string, number>();
  private serial = 0;
  private scheduling = false;
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: FleetOptions) {}

  get zones(): readonly string[] {
    return this.options.config.local.zones.slice(0, this.options.config.service.azCount);
  }

  get desired(): number {
    return this.options.config.service.desiredCount;
  }

  running(): FleetTask[] {
    return this.tasks.filter((t) => t.state === 'running');
  }

  alive(): FleetTask[] {
    return this.tasks.filter((t) => t.process.alive);
  }

  /** Launches the first `desiredCount` tasks; replacements are off until `startScheduling`. */
  async launchInitial(): Promise<void> {
    await Promise.all(Array.from({ length: this.desired }, () => this.launch(false)));
  }

  startScheduling(): void {
    this.scheduling = true;
  }

  /** StopTask: deregister and SIGTERM (together, or SIGTERM once drained), SIGKILL after stopTimeout. Resolves once SIGTERM is sent. */
  async stopTask(task: FleetTask, order: StopOrder = this.options.stopOrder): Promise<void> {
    if (task.state !== 'running') return;
    this.leaveRunning(task, 'stop-task');
    const { deregistrationDelaySeconds, stopTimeoutSeconds } = this.options.config.service;
    const drained = this.options.lb.deregister(task.id, deregistrationDelaySeconds * 1000);
    if (order === 'drain-first') await drained;
    if (!task.process.alive || this.closed) return;
    const delivery = task.process.signal('SIGTERM');
    const detail = delivery === 'dropped' ? 'dropped: the main process has no SIGTERM handler (PID 1 rule)' : delivery;
    this.options.onEvent({ kind: 'sigterm-sent', task: task.id, zone: task.zone, detail });
    task.killTimer = setTimeout(() => {
      if (!task.process.alive || this.closed) return;
      this.sigkilled += 1;
      task.process.signal('SIGKILL');
      this.options.onEvent({ kind: 'sigkill-sent', task: task.id, zone: task.zone, detail: `still alive ${stopTimeoutSeconds} s after SIGTERM (stopTimeout)` });
    }, stopTimeoutSeconds * 1000);
  }

  /** kill-process: the signal straight to the main process, no deregistration first. */
  kill(task: FleetTask, signal: NodeJS.Signals): void {
    const delivery = task.process.signal(signal);
    if (signal === 'SIGKILL') this.leaveRunning(task, 'kill');
    const kind = signal === 'SIGKILL' ? 'sigkill-sent' : 'sigterm-sent';
    this.options.onEvent({ kind, task: task.id, zone: task.zone, detail: `kill-process (${delivery})` });
  }

  /**
   * The zone is gone: every connection to its tasks is cut, their targets are deregistered (the
   * FIS scenario's stop-task does that), they are SIGKILLed, and nothing is placed there until it reopens.
   */
  closeZone(zone: string): FleetTask[] {
    this.closedZones.add(zone);
    const hit = this.running().filter((t) => t.zone === zone);
    let cut = 0;
    for (const task of this.tasks.filter((t) => t.zone === zone && t.process.alive)) cut += this.options.lb.cut(task.id);
    this.options.onEvent({ kind: 'zone-cut', zone, detail: `${hit.length} task(s), ${cut} connection(s) cut` });
    for (const task of this.tasks.filter((t) => t.zone === zone && this.options.lb.isRegistered(t.id))) {
      void this.options.lb.deregister(task.id, this.options.config.service.deregistrationDelaySeconds * 1000);
    }
    for (const task of hit) {
      this.leaveRunning(task, 'zone-lost');
      task.process.signal('SIGKILL');
      this.options.onEvent({ kind: 'sigkill-sent', task: task.id, zone, detail: 'zone lost' });
    }
    return hit;
  }

  openZone(zone: string): void {
    if (!this.closedZones.delete(zone)) return;
    this.options.onEvent({ kind: 'zone-restored', zone });
    this.ensureDesired();
  }

  isZoneClosed(zone: string): boolean {
    return this.closedZones.has(zone);
  }

  /** Stops every task: SIGTERM to each group, SIGKILL to what is left after `graceMs`. */
  async close(graceMs = 500): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const task of this.tasks) {
      task.containerCheck?.stop();
      if (task.killTimer) clearTimeout(task.killTimer);
      if (task.process.alive) task.stoppedBy ??= 'close';
      task.process.killGroup('SIGTERM');
    }
    const exits = Promise.all(this.tasks.map((t) => t.process.exited));
    await within(exits, graceMs);
    for (const task of this.tasks) task.process.killGroup('SIGKILL');
    await within(exits, 5000);
    for (const task of this.tasks) task.process.killGroup('SIGKILL');
  }

  /** Synchronous last resort (process exit): SIGKILL every group. */
  killAllNow(): void {
    for (const task of this.tasks) task.process.killGroup('SIGKILL');
  }

  private async launch(replacement: boolean): Promise<void> {
    const zone = placeTask(this.zones, this.closedZones, this.countPerZone());
    if (zone === undefined || this.closed) return;
    this.launching += 1;
    this.launchingPerZone.set(zone, (this.launchingPerZone.get(zone) ?? 0) + 1);
    let port: number;
    try {
      port = await freePort();
    } finally {
      this.launching -= 1;
      this.launchingPerZone.set(zone, (this.launchingPerZone.get(zone) ?? 1) - 1);
    }
    if (this.closed) return;
    this.serial += 1;
    const id = `t${this.serial}-${zone}`;
    const { service } = this.options.config;
    const env = {
      ...process.env,
      ...this.options.env?.(),
      [SERVICE_ENV.port]: String(port),
      [SERVICE_ENV.host]: '127.0.0.1',
      [SERVICE_ENV.taskId]: id,
      [SERVICE_ENV.zone]: zone,
      [SERVICE_ENV.drainTimeoutMs]: String(service.drainTimeoutMs),
    };
    const child = new TaskProcess({ argv: this.options.argv, cwd: this.options.cwd, env, onLine: (line) => this.options.log(`[${id}] ${line}`) });
    const task: FleetTask = { id, zone, port, process: child, replacement, startedAtMs: this.options.nowMs(), state: 'running', containerHealth: STARTING };
    this.tasks.push(task);
    if (child.pid !== undefined) this.options.guard?.watch(child.pid);
    this.options.onEvent({ kind: replacement ? 'replacement-started' : 'task-started', task: id, zone, detail: `pid ${child.pid ?? 'none'}, port ${port}` });
    this.options.lb.register({ id, zone, port });
    this.startContainerCheck(task);
    void child.exited.then((exit) => this.onExit(task, exit.code, exit.signal));
    this.options.onChange();
  }

  private onExit(task: FleetTask, code: number | null, signal: NodeJS.Signals | null): void {
    if (task.process.pid !== undefined) this.options.guard?.forget(task.process.pid);
    if (task.killTimer) clearTimeout(task.killTimer);
    task.containerCheck?.stop();
    // close() marks the tasks it stops (stoppedBy 'close') without leaving 'running': their exit is no surprise.
    const surprise = task.state === 'running' && task.stoppedBy === undefined;
    task.state = 'stopped';
    this.options.onEvent({ kind: 'task-exited', task: task.id, zone: task.zone, code, signal, detail: surprise ? 'exited on its own' : task.stoppedBy });
    if (surprise && this.scheduling) this.scheduleReplacement();
    this.deregisterDeadTargets();
    this.options.onChange();
  }

  /**
   * A task that died without a stop stays registered until the load balancer's health checks
   * find it unhealthy (that is how the ALB learns); then it is deregistered. Called on every change.
   */
  deregisterDeadTargets(): void {
    if (this.closed) return;
    for (const task of this.tasks) {
      if (task.process.alive || !this.options.lb.isRegistered(task.id)) continue;
      if (this.options.lb.healthOf(task.id) === 'healthy') continue;
      void this.options.lb.deregister(task.id, this.options.config.service.deregistrationDelaySeconds * 1000);
    }
  }

  private leaveRunning(task: FleetTask, by: NonNullable<FleetTask['stoppedBy']>): void {
    if (task.state !== 'running') return;
    task.state = 'stopping';
    task.stoppedBy = by;
    task.containerCheck?.stop();
    if (this.scheduling) this.scheduleReplacement();
    this.options.onChange();
  }

  private scheduleReplacement(): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.ensureDesired();
    }, this.options.config.local.launchDelayMs);
    this.timers.add(timer);
  }

  private ensureDesired(): void {
    if (this.closed || !this.scheduling) return;
    const missing = this.desired - this.running().length - this.launching;
    for (let i = 0; i < missing; i += 1) void this.launch(true).catch((err: Error) => this.options.log(`launch failed: ${err.message}`));
  }

  private countPerZone(): Map<string, number> {
    const counts = new Map(this.launchingPerZone);
    for (const task of this.running()) counts.set(task.zone, (counts.get(task.zone) ?? 0) + 1);
    return counts;
  }

  /** The container health check as ECS runs it: first check one interval after start, failures inside the start period not counted. */
  private startContainerCheck(task: FleetTask): void {
    const settings = localContainerHealthCheck(this.options.config);
    const { healthPath } = this.options.config.service;
    const check = () => httpCheck(task.port, healthPath, settings.timeoutSeconds * 1000);
    task.containerCheck = new HealthCheckLoop(
      check,
      settings.intervalSeconds * 1000,
      (result) => {
        task.containerHealth = recordContainerCheck(task.containerHealth, result, this.options.nowMs() - task.startedAtMs, settings);
        if (task.containerHealth.status !== 'unhealthy' || task.state !== 'running' || !this.scheduling) return;
        const detail = `container health check failed ${settings.retries} times in a row (GET ${healthPath}: ${result.detail}; start period ${settings.startPeriodSeconds} s): task replaced`;
        this.options.onEvent({ kind: 'note', task: task.id, zone: task.zone, detail });
        this.replacedByHealthCheck += 1;
        void this.stopTask(task);
      },
      settings.intervalSeconds * 1000,
    );
  }
}

/** Waits for the promise, but no longer than `ms`. */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

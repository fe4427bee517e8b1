import type { DrillsConfig } from '../../config';
import { isoSeconds, type Drill, type FigureName, type Figures } from '../../drill';
import { LB_TASK_HEADER } from '../probe/http-call';
import { idleKeepAlive, type IdleKeepAlive } from './idle-keep-alive';
import type { Engine, FaultInjection, TimelineSink } from '../engine';
import { unhealthyTasks } from './describe-health';
import { FaultFigures } from './fault-figures';
import { Fleet, type StopOrder } from './fleet';
import type { FleetTask } from './fleet-task';
import { LoadBalancer } from './load-balancer';
import { LocalDependency } from './local-dependency';
import { LocalEngineError } from './local-engine-error';
import { OrphanGuard } from './orphan-guard';
import { selectTasks } from './select-tasks';
import { splitCommand } from './split-command';
import { waitForFleet } from './wait-for-fleet';

export interface LocalEngineOptions {
  /** service.* (drain budget, desired count, zones) and local.* (intervals, zones, launch delay), already merged with flags. */
  readonly config: DrillsConfig;
  /** The start command: split into an argv and run without a shell when it needs none. */
  readonly command: string;
  readonly cwd: string;
  /** `together` (default, stricter): deregister and SIGTERM at once; `drain-first`: SIGTERM once the target drained. */
  readonly stopOrder: StopOrder;
  readonly onEvent: TimelineSink;
  /** Debug and progress text. @default - nothing */
  readonly log?: (line: string) => void;
  /** How long the fleet may take to become healthy at start. @default - from the container health check (startBoundMs) */
  readonly startTimeoutMs?: number;
  /**
   * Start a real PostgreSQL behind the engine's fault proxy before the fleet, and give every task
   * its address as DATABASE_URL (the dependency drills need it: needsDatabase). @default false
   */
  readonly database?: boolean;
}

const POLL_MS = 50;
/** After stopTimeout, the SIGKILL and the exit it causes still take a moment to be seen. */
const STOP_MARGIN_MS = 5000;

/**
 * The local engine: the service's real start command as `desiredCount` process groups over
 * zones, behind a load balancer with ALB semantics, with a service scheduler; faults are real
 * signals and cut connections. See docs/local-engine.md.
 * `start` throws LocalEngineError (`start-failed`) when the load balancer cannot listen or the
 * fleet is not running and healthy within `startTimeoutMs` (ms), after closing what it started;
 * `inject` throws LocalEngineError (`not-started`) before start, and returns `injected: false`
 * with the reason for a fault it cannot make (a second fault, a zone index out of range);
 * `close` stops every process group (SIGTERM, SIGKILL after stopTimeout) and the load balancer.
 */
export class LocalEngine implements Engine {
  readonly mode = 'local' as const;
  readonly measurable: readonly FigureName[];
  /** The load balancer stamps every answer with the task that served it. */
  readonly taskHeader = LB_TASK_HEADER;
  private readonly keepAlives: IdleKeepAlive[] = [];
  private idleKeepAliveMin?: number;
  private readonly lb: LoadBalancer;
  private readonly fleet: Fleet;
  private readonly fault = new FaultFigures();
  private readonly origin = performance.now();
  private started = false;
  private injected = false;
  private closing?: Promise<void>;
  private targets: readonly FleetTask[] = [];
  /** The targets whose process the fault ends (all but those sent a catchable kill-process signal). */
  private mustExit: readonly FleetTask[] = [];
  private evaluating = false;
  private outage?: { readonly zone: string; readonly timer: NodeJS.Timeout };
  private sigkilledAtFault = 0;
  private settledAnnounced = false;
  private readonly waiters = new Set<() => void>();
  private readonly exitHook = () => {
    this.fleet.killAllNow();
    this.dependency?.killNow();
  };
  private readonly guard = new OrphanGuard();
  private dependency?: LocalDependency;
  private replacedAtFault = 0;

  constructor(private readonly options: LocalEngineOptions) {
    const { config } = options;
    const dependencyFigures: FigureName[] = options.database ? ['dependency.connects', 'dependency.connections.peak', 'dependency.recoverySeconds'] : [];
    this.measurable = [
      'fault.targets',
      'tasks.sigkilled',
      'tasks.replaced',
      'alb.5xx',
      'tasks.running.min',
      'alb.healthyHosts.min',
      'recovery.seconds',
      'replacement.launchSeconds',
      'replacement.healthySeconds',
      ...dependencyFigures,
    ];
    const log = options.log ?? (() => undefined);
    this.lb = new LoadBalancer({
      healthPath: config.service.healthPath,
      healthCheck: config.local.albHealthCheck,
      onEvent: options.onEvent,
      onChange: () => this.evaluate(),
      idleTimeoutSeconds: config.service.albIdleTimeoutSeconds,
    });
    const nowMs = () => this.nowMs();
    this.fleet = new Fleet({
      config,
      argv: splitCommand(options.command),
      cwd: options.cwd,
      stopOrder: options.stopOrder,
      lb: this.lb,
      onEvent: options.onEvent,
      log,
      onChange: () => this.evaluate(),
      nowMs,
      guard: this.guard,
      env: () => this.dependency?.env ?? {},
    });
  }

  async start(): Promise<{ readonly serviceUrl: string }> {
    if (this.started || this.closing) throw new LocalEngineError('start-failed', 'this local engine was already started');
    process.on('exit', this.exitHook);
    try {
      const port = await this.lb.listen().catch((err: Error) => {
        throw new LocalEngineError('start-failed', `the load balancer could not listen on 127.0.0.1: ${err.message}`);
      });
      if (this.options.database) this.dependency = await this.startDependency();
      await this.fleet.launchInitial();
      await waitForFleet(this.fleet, this.lb, this.options.command, this.options.config, this.options.startTimeoutMs);
      this.fleet.startScheduling();
      this.started = true;
      this.options.onEvent({ kind: 'steady', detail: `${this.fleet.desired} task(s) running and healthy behind 127.0.0.1:${port}` });
      this.watchIdleKeepAlive();
      return { serviceUrl: `http://127.0.0.1:${port}` };
    } catch (err) {
      await this.close();
      throw err instanceof LocalEngineError ? err : new LocalEngineError('start-failed', (err as Error).message);
    }
  }

  async inject(drill: Drill): Promise<FaultInjection> {
    if (!this.started || this.closing) throw new LocalEngineError('not-started', 'inject() needs a started engine');
    const injection = await this.injectFault(drill);
    if (!injection.injected) this.options.onEvent({ kind: 'fault-not-injected', detail: injection.reason });
    return injection;
  }

  /** Delivers the drill's fault; an injection emits 'fault-injected' (begin) before its signals. */
  private async injectFault(drill: Drill): Promise<FaultInjection> {
    if (this.injected) return { injected: false, targets: [], reason: 'this engine already injected a fault' };
    const fault = drill.fault;
    const running = this.fleet.running();
    if (fault.kind === 'dependency-outage' || fault.kind === 'database-failover') {
      if (!this.dependency) return { injected: false, targets: [], reason: `${fault.kind} needs a database, and this engine was started without one (LocalEngineOptions.database)` };
      if (!this.dependency.used)
        return {
          injected: false,
          targets: [],
          reason: 'the service never connected to the database it was given (DATABASE_URL, through the fault proxy): a dependency drill needs a service that uses it',
        };
      const outage = fault.kind === 'dependency-outage';
      this.begin(
        outage ? running : [],
        outage ? `dependency-outage: the database port black-holed for ${fault.duration.local}` : `database-failover: PostgreSQL restarted, down ${fault.localDowntime}`,
        outage ? running.length : 1,
      );
      this.mustExit = []; // nothing is stopped: recovery waits for the dependency, not for exits
      this.dependency.inject(fault);
      return { injected: true, targets: outage ? running.map((t) => t.id) : ['local-postgres'] };
    }
    if (fault.kind === 'az-outage') {
      const zone = this.fleet.zones[fault.zoneIndex];
      if (zone === undefined) return { injected: false, targets: [], reason: `zone index ${fault.zoneIndex} is outside the ${this.fleet.zones.length} zone(s) in use` };
      const inZone = running.filter((t) => t.zone === zone);
      if (inZone.length === 0) return { injected: false, targets: [], reason: `no running task in ${zone}` };
      this.begin(inZone, `az-outage: ${zone} cut for ${fault.duration.local}`);
      this.fleet.closeZone(zone);
      const timer = setTimeout(() => this.endOutage(), isoSeconds(fault.duration.local) * 1000);
      this.outage = { zone, timer };
      return { injected: true, targets: inZone.map((t) => t.id) };
    }
    const hit = selectTasks(running, fault.targets);
    if (hit.length === 0) return { injected: false, targets: [], reason: `the selection ${JSON.stringify(fault.targets)} matched none of ${running.length} running task(s)` };
    if (fault.kind === 'stop-task') {
      this.begin(hit, `stop-task (${this.options.stopOrder})`);
      await Promise.all(hit.map((task) => this.fleet.stopTask(task)));
    } else {
      this.begin(hit, `kill-process ${fault.signal}`);
      if (fault.signal !== 'SIGKILL') this.mustExit = [];
      for (const task of hit) this.fleet.kill(task, fault.signal);
    }
    return { injected: true, targets: hit.map((t) => t.id) };
  }

  awaitRecovery(timeoutMs: number): Promise<{ readonly recovered: boolean }> {
    return new Promise((resolve) => {
      const done = (recovered: boolean) => {
        clearTimeout(bound);
        clearInterval(poll);
        this.waiters.delete(check);
        resolve({ recovered });
      };
      const check = () => {
        if (this.closing) done(false);
        else if (this.settled()) done(true);
      };
      let bound = setTimeout(() => {
        const extraMs = this.extendForPendingStops();
        bound = setTimeout(() => done(false), extraMs);
      }, timeoutMs);
      const poll = setInterval(() => this.evaluate(), POLL_MS * 2);
      this.waiters.add(check);
      this.evaluate();
      check();
    });
  }

  /**
   * A cooperative stop is not over until its tasks exited — on their own or by SIGKILL at
   * stopTimeout — so when the recovery bound comes first, the wait goes on until stopTimeout
   * (+ margin) from now at most, or tasks.sigkilled would be unmeasured. Returns the extra ms.
   */
  private extendForPendingStops(): number {
    const pending = this.mustExit.filter((t) => t.process.alive);
    if (pending.length === 0) return 0;
    const extraMs = this.options.config.service.stopTimeoutSeconds * 1000 + STOP_MARGIN_MS;
    this.options.onEvent({
      kind: 'note',
      detail: `recovery bound reached with ${pending.map((t) => t.id).join(', ')} still stopping: waiting up to ${extraMs / 1000} s more (stopTimeout + margin; --stop-timeout shortens it)`,
    });
    return extraMs;
  }

  /**
   * Per task, how long it keeps an idle keep-alive connection open, against the load balancer's
   * idle timeout (`service.albIdleTimeoutSeconds`): a shorter one is a finding on the timeline
   * and the figure `tasks.idleKeepAliveSeconds.min`. A task stopped meanwhile (its drain closes
   * idle connections) is not counted.
   */
  private watchIdleKeepAlive(): void {
    const albSeconds = this.options.config.service.albIdleTimeoutSeconds;
    for (const task of this.fleet.running()) {
      const watch = idleKeepAlive(task.port, this.options.config.service.healthPath, (albSeconds + 1) * 1000);
      this.keepAlives.push(watch);
      void watch.done.then((ms) => {
        if (ms === undefined || task.state !== 'running' || task.stoppedBy !== undefined || this.closing) return;
        const seconds = Math.round(ms / 100) / 10;
        this.idleKeepAliveMin = Math.min(this.idleKeepAliveMin ?? Infinity, seconds);
        if (seconds < albSeconds) {
          this.options.onEvent({
            kind: 'note',
            task: task.id,
            zone: task.zone,
            detail: `finding: ${task.id} closes an idle keep-alive connection after ${seconds} s, sooner than the load balancer's idle timeout (${albSeconds} s, service.albIdleTimeoutSeconds): behind an ALB a request sent on a connection as the service closes it gets a 502; keep idle connections open longer than ${albSeconds} s (Node: server.keepAliveTimeout = ${(albSeconds + 5) * 1000})`,
          });
        }
      });
    }
  }

  figures(): Figures {
    this.evaluate();
    const stopsPending = this.targets.some((t) => t.stoppedBy === 'stop-task' && t.process.alive);
    const figures = { ...this.fault.figures({ sigkilled: this.fleet.sigkilled - this.sigkilledAtFault, elb5xx: this.lb.elb5xx }), ...this.dependency?.figures() };
    if (this.fault.began) figures['tasks.replaced'] = this.fleet.replacedByHealthCheck - this.replacedAtFault;
    if (stopsPending) delete figures['tasks.sigkilled']; // not known until the stop completes
    if (this.idleKeepAliveMin !== undefined) figures['tasks.idleKeepAliveSeconds.min'] = this.idleKeepAliveMin;
    return figures;
  }

  /** "running 2/2, healthy 1/2; GET /healthz answered t3-zone-a: 503" — what keeps the service from desired and healthy. */
  recoveryState(): string {
    const desired = this.fleet.desired;
    const running = this.fleet.running();
    const counts = `running ${running.length}/${desired}, healthy ${this.healthyRunning()}/${desired}`;
    const stopping = this.mustExit.filter((t) => t.process.alive).map((t) => t.id);
    const unhealthy = unhealthyTasks(running, this.lb);
    return [
      counts,
      unhealthy ? `GET ${this.options.config.service.healthPath} answered ${unhealthy}` : '',
      stopping.length ? `still stopping: ${stopping.join(', ')}` : '',
      this.outage ? `${this.outage.zone} still cut` : '',
      this.dependency?.pending() ?? '',
    ]
      .filter(Boolean)
      .join('; ');
  }

  /**
   * Stops every process and the load balancer. A recovery wait still pending resolves at once
   * with `recovered: false` (an abort must not leave its bound timer holding the CLI open).
   */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closing = (async () => {
      if (this.outage) clearTimeout(this.outage.timer);
      for (const watch of this.keepAlives) watch.cancel();
      await this.fleet.close();
      await this.dependency?.close();
      await this.lb.close();
      this.guard.release();
      process.removeListener('exit', this.exitHook);
    })();
    // Woken only now that `closing` is set, so each waiter sees it and gives up.
    for (const wake of [...this.waiters]) wake();
    return this.closing;
  }

  private nowMs(): number {
    return performance.now() - this.origin;
  }

  /** `count`: how many targets the fault hit (a database failover hits no task: 1, the database). */
  private begin(targets: readonly FleetTask[], detail: string, count = targets.length): void {
    this.injected = true;
    this.targets = targets;
    this.mustExit = targets;
    this.sigkilledAtFault = this.fleet.sigkilled;
    this.replacedAtFault = this.fleet.replacedByHealthCheck;
    this.fault.begin(this.nowMs(), count, this.lb.elb5xx, this.sample());
    this.options.onEvent({ kind: 'fault-injected', detail: targets.length > 0 ? `${detail} on ${targets.map((t) => t.id).join(', ')}` : detail });
  }

  private endOutage(): void {
    const outage = this.outage;
    if (!outage || this.closing) return;
    this.outage = undefined;
    this.fleet.openZone(outage.zone);
    this.options.onEvent({ kind: 'fault-ended', zone: outage.zone, detail: 'zone placeable again' });
    this.evaluate();
  }

  private sample(): { running: number; lbHealthy: number } {
    return { running: this.fleet.running().length, lbHealthy: this.lb.healthyCount() };
  }

  /** Running tasks that are registered and healthy behind the load balancer. */
  private healthyRunning(): number {
    return this.fleet.running().filter((t) => this.lb.isRegistered(t.id) && this.lb.healthOf(t.id) === 'healthy').length;
  }

  private countsAtDesired(): boolean {
    return !this.outage && this.fleet.running().length === this.fleet.desired && this.healthyRunning() === this.fleet.desired;
  }

  /** Back to desired and healthy, every task the fault hit has finished stopping (so tasks.sigkilled is final), and the dependency is back. */
  private settled(): boolean {
    return this.countsAtDesired() && this.mustExit.every((t) => !t.process.alive) && (this.dependency?.settled() ?? true);
  }

  /** PostgreSQL and the fault proxy; a failure to start them is the engine's start failure, saying what to install. */
  private async startDependency(): Promise<LocalDependency> {
    try {
      return await LocalDependency.start({ onEvent: this.options.onEvent, log: this.options.log, guard: this.guard, nowMs: () => this.nowMs() });
    } catch (err) {
      throw new LocalEngineError('start-failed', `the database for this drill could not start: ${(err as Error).message}`);
    }
  }

  /** Re-reads the fleet after any change: figures, replacement times, recovery, waiters. */
  private evaluate(): void {
    if (this.closing || this.evaluating) return;
    this.evaluating = true;
    try {
      this.reevaluate();
    } finally {
      this.evaluating = false;
    }
  }

  private reevaluate(): void {
    this.fleet.deregisterDeadTargets();
    const now = this.nowMs();
    for (const task of this.fleet.tasks) {
      if (task.replacement) this.fault.replacementStarted(task.startedAtMs);
      if (task.healthyAtMs === undefined && this.lb.healthOf(task.id) === 'healthy') task.healthyAtMs = now;
      if (task.replacement && task.healthyAtMs !== undefined) this.fault.replacementHealthy(task.healthyAtMs);
    }
    if (!this.fault.began) return;
    this.fault.sample(this.sample());
    if (!this.fault.recovered && this.countsAtDesired()) this.fault.recover(now);
    if (!this.settledAnnounced && this.fault.recovered && this.settled()) {
      this.settledAnnounced = true;
      this.options.onEvent({ kind: 'steady', detail: `running ${this.fleet.desired}/${this.fleet.desired}, healthy ${this.fleet.desired}/${this.fleet.desired}` });
    }
    for (const wake of [...this.waiters]) wake();
  }
}

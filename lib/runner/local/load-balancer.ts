import { Agent, createServer, type ClientRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxyServer } from 'http-proxy-3';
import type { AlbHealthCheckSettings } from '../../config';
import type { TimelineEntry } from '../samples';
import { HealthCheckLoop } from './health-check-loop';
import { INITIAL_HEALTH, recordCheck, type HealthState } from './health-state';
import { httpCheck, type CheckResult } from './http-check';
import { LB_TASK_HEADER, LB_ZONE_HEADER } from '../probe/http-call';

export interface LbTarget {
  readonly id: string;
  readonly zone: string;
  readonly port: number;
}

export interface LoadBalancerOptions {
  readonly healthPath: string;
  readonly healthCheck: AlbHealthCheckSettings;
  readonly onEvent: (entry: TimelineEntry) => void;
  /** Called after any change of registration or health (the engine re-checks recovery). */
  readonly onChange: () => void;
  /** Idle connections to targets are kept this long for reuse, as an ALB does. @default 60 (the ALB default) */
  readonly idleTimeoutSeconds?: number;
}

interface InFlight {
  readonly res: ServerResponse;
  readonly target: LbTarget;
  proxyReq?: ClientRequest;
}

interface TargetState {
  readonly target: LbTarget;
  health: HealthState;
  lastCheck?: string;
  loop?: HealthCheckLoop;
  draining: boolean;
  unreachable: boolean;
  readonly inflight: Set<InFlight>;
  drained?: () => void;
  drainTimer?: NodeJS.Timeout;
}

/**
 * A load balancer on 127.0.0.1 with ALB semantics: round robin over healthy registered targets
 * (fail-open to all registered ones when none is healthy, 503 when there is none), real HTTP
 * health checks with thresholds, deregistration that keeps in-flight requests up to the
 * deregistration delay, and a target that dies mid-response ends the client's response at once.
 * Connections to targets are kept alive and reused (an ALB does so, up to its idle timeout), so a
 * target that closes idle connections sooner races the next request as it would behind an ALB.
 * Every answer carries `x-drills-task` / `x-drills-zone`: the target that served it (the probe's
 * attribution; an ALB has no such header). Proxying itself is http-proxy-3.
 */
export class LoadBalancer {
  /** 5xx answers the load balancer produced itself (no target, target error). */
  elb5xx = 0;
  private readonly targets = new Map<string, TargetState>();
  private readonly agent: Agent;
  private readonly proxy: ReturnType<typeof createProxyServer>;
  private readonly server: Server;
  private readonly entries = new WeakMap<ServerResponse, InFlight>();
  private next = 0;

  constructor(private readonly options: LoadBalancerOptions) {
    this.agent = new Agent({ keepAlive: true, timeout: (options.idleTimeoutSeconds ?? 60) * 1000 });
    this.proxy = createProxyServer({ xfwd: true, agent: this.agent });
    this.proxy.on('error', (_err, _req, res) => this.fail(res as ServerResponse));
    this.proxy.on('proxyReq', (proxyReq, _req, res) => {
      // The client's own Connection header is hop-by-hop: the connection to the target stays open for reuse.
      proxyReq.setHeader('connection', 'keep-alive');
      const entry = this.entries.get(res);
      if (entry) entry.proxyReq = proxyReq;
    });
    this.proxy.on('proxyRes', (proxyRes: IncomingMessage, _req, res) => {
      const entry = this.entries.get(res);
      if (entry) Object.assign(proxyRes.headers, attribution(entry.target));
      proxyRes.on('error', () => undefined);
      proxyRes.on('close', () => {
        if (!proxyRes.complete) res.destroy();
      });
    });
    this.server = createServer((req, res) => this.handle(req, res));
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as AddressInfo).port));
    });
  }

  register(target: LbTarget): void {
    const state: TargetState = { target, health: INITIAL_HEALTH, draining: false, unreachable: false, inflight: new Set() };
    const { intervalSeconds, timeoutSeconds } = this.options.healthCheck;
    state.loop = new HealthCheckLoop(
      () => (state.unreachable ? Promise.resolve({ ok: false, detail: 'unreachable (zone cut)' }) : httpCheck(target.port, this.options.healthPath, timeoutSeconds * 1000)),
      intervalSeconds * 1000,
      (result) => this.recordHealth(state, result),
    );
    this.targets.set(target.id, state);
    this.options.onChange();
  }

  /**
   * No new requests from now; in-flight ones run on until done or until the delay expires,
   * when they are cut. Resolves once the target is drained and gone.
   */
  deregister(id: string, delayMs: number): Promise<void> {
    const state = this.targets.get(id);
    if (!state) return Promise.resolve();
    if (state.draining) return new Promise((resolve) => this.whenDrained(state, resolve));
    state.draining = true;
    state.loop?.stop();
    this.options.onEvent({ kind: 'target-deregistered', task: id, zone: state.target.zone, detail: `${state.inflight.size} request(s) in flight` });
    this.options.onChange();
    return new Promise((resolve) => {
      this.whenDrained(state, resolve);
      state.drainTimer = setTimeout(() => {
        const cut = state.inflight.size;
        for (const entry of [...state.inflight]) entry.res.destroy();
        this.finishDrain(state, `deregistration delay expired, ${cut} request(s) cut`);
      }, delayMs);
      this.checkDrained(state);
    });
  }

  /** The target's zone is gone: every connection through the load balancer to it is cut, and its health checks fail. */
  cut(id: string): number {
    const state = this.targets.get(id);
    if (!state) return 0;
    state.unreachable = true;
    const cut = state.inflight.size;
    for (const entry of [...state.inflight]) {
      entry.proxyReq?.destroy();
      entry.res.destroy();
    }
    return cut;
  }

  has(id: string): boolean {
    return this.targets.has(id);
  }

  isRegistered(id: string): boolean {
    const state = this.targets.get(id);
    return state !== undefined && !state.draining;
  }

  /** What the target's last health check got ("503", "connection refused"…), if it ran. */
  lastCheckOf(id: string): string | undefined {
    return this.targets.get(id)?.lastCheck;
  }

  healthOf(id: string): HealthState['status'] | undefined {
    return this.targets.get(id)?.health.status;
  }

  inflightCount(id: string): number {
    return this.targets.get(id)?.inflight.size ?? 0;
  }

  /** Registered (not draining) targets that pass their health checks. */
  healthyCount(): number {
    return [...this.targets.values()].filter((s) => !s.draining && s.health.status === 'healthy').length;
  }

  async close(): Promise<void> {
    for (const state of this.targets.values()) {
      state.loop?.stop();
      if (state.drainTimer) clearTimeout(state.drainTimer);
      state.drained?.();
    }
    this.targets.clear();
    this.agent.destroy();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const state = this.pick();
    if (!state) {
      this.answer5xx(res, 503, 'no registered target');
      return;
    }
    const entry: InFlight = { res, target: state.target };
    this.entries.set(res, entry);
    state.inflight.add(entry);
    res.on('close', () => {
      state.inflight.delete(entry);
      this.checkDrained(state);
    });
    if (state.unreachable) {
      this.answer5xx(res, 504, 'target unreachable', state.target);
      return;
    }
    this.proxy.web(req, res, { target: `http://127.0.0.1:${state.target.port}` }, () => this.fail(res));
  }

  private pick(): TargetState | undefined {
    const registered = [...this.targets.values()].filter((s) => !s.draining);
    const healthy = registered.filter((s) => s.health.status === 'healthy');
    const candidates = healthy.length > 0 ? healthy : registered; // fail-open
    if (candidates.length === 0) return undefined;
    this.next = (this.next + 1) % Number.MAX_SAFE_INTEGER;
    return candidates[this.next % candidates.length];
  }

  private fail(res: ServerResponse | undefined): void {
    if (!res || typeof res.headersSent !== 'boolean') return;
    if (res.headersSent) res.destroy();
    else this.answer5xx(res, 502, 'target error', this.entries.get(res)?.target);
  }

  private answer5xx(res: ServerResponse, status: number, message: string, target?: LbTarget): void {
    if (res.headersSent || res.destroyed) return;
    this.elb5xx += 1;
    res.writeHead(status, { 'content-type': 'application/json', connection: 'close', ...(target ? attribution(target) : {}) });
    res.end(JSON.stringify({ error: message }));
  }

  private recordHealth(state: TargetState, result: CheckResult): void {
    if (state.draining || !this.targets.has(state.target.id)) return;
    state.lastCheck = result.detail;
    const before = state.health.status;
    state.health = recordCheck(state.health, result.ok, this.options.healthCheck);
    if (state.health.status === before) return;
    const kind = state.health.status === 'healthy' ? 'target-healthy' : 'target-unhealthy';
    this.options.onEvent({ kind, task: state.target.id, zone: state.target.zone });
    this.options.onChange();
  }

  private whenDrained(state: TargetState, resolve: () => void): void {
    const previous = state.drained;
    state.drained = () => {
      previous?.();
      resolve();
    };
  }

  private checkDrained(state: TargetState): void {
    if (state.draining && state.inflight.size === 0 && this.targets.get(state.target.id) === state) this.finishDrain(state, 'no request in flight');
  }

  private finishDrain(state: TargetState, detail: string): void {
    if (this.targets.get(state.target.id) !== state) return;
    if (state.drainTimer) clearTimeout(state.drainTimer);
    this.targets.delete(state.target.id);
    this.options.onEvent({ kind: 'target-drained', task: state.target.id, zone: state.target.zone, detail });
    state.drained?.();
    this.options.onChange();
  }
}

function attribution(target: LbTarget): Record<string, string> {
  return { [LB_TASK_HEADER]: target.id, [LB_ZONE_HEADER]: target.zone };
}

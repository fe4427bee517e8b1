import { isoSeconds, type DatabaseFailoverFault, type DependencyOutageFault, type Figures } from '../../drill';
import type { TimelineSink } from '../engine';
import { FaultProxy } from './fault-proxy';
import { LocalPostgres } from './local-postgres';
import type { OrphanGuard } from './orphan-guard';

export interface LocalDependencyOptions {
  readonly onEvent: TimelineSink;
  /** The database server's log lines (the service log). */
  readonly log?: (line: string) => void;
  readonly guard?: OrphanGuard;
  /** The engine's clock, ms. */
  readonly nowMs: () => number;
  /** How long, once the dependency is back, the run keeps going so the probe sees the service use it again. @default 3000 */
  readonly dwellMs?: number;
}

/** Long enough past the demo's reconnect ceiling (2 s, service/src/database-settings.ts) for every task to be back. */
const DWELL_MS = 3000;

/**
 * The service's database in a rehearsal: a real PostgreSQL (LocalPostgres) and the engine's fault
 * proxy in front of it (FaultProxy); the tasks get the proxy's address as DATABASE_URL. Its faults:
 * `dependency-outage` black-holes the proxy for the drill's local duration; `database-failover`
 * restarts the server. Settled once the dependency is back and the dwell passed.
 */
export class LocalDependency {
  private backAtMs?: number;
  private faultKind?: 'dependency-outage' | 'database-failover';
  private timer?: NodeJS.Timeout;
  private closing?: Promise<void>;

  private constructor(
    private readonly pg: LocalPostgres,
    private readonly proxy: FaultProxy,
    private readonly proxyPort: number,
    private readonly options: LocalDependencyOptions,
  ) {}

  /** Starts PostgreSQL and the proxy; throws (with nothing left running) when either cannot start. */
  static async start(options: LocalDependencyOptions): Promise<LocalDependency> {
    const pg = await LocalPostgres.start({ guard: options.guard, log: options.log });
    const proxy = new FaultProxy(pg.port);
    try {
      const port = await proxy.listen();
      options.onEvent({ kind: 'note', detail: `dependency: ${pg.describe()}; the tasks reach it through the fault proxy on 127.0.0.1:${port} (DATABASE_URL)` });
      return new LocalDependency(pg, proxy, port, options);
    } catch (err) {
      await pg.close();
      throw err;
    }
  }

  /** What every task gets in its environment. */
  get env(): Record<string, string> {
    return { DATABASE_URL: this.pg.url(this.proxyPort) };
  }

  /** Has the service connected at all? A service that ignores DATABASE_URL gives the fault nothing to hit. */
  get used(): boolean {
    return this.proxy.total > 0;
  }

  /** Delivers the fault; counting (connects, peak) starts now. */
  inject(fault: DependencyOutageFault | DatabaseFailoverFault): void {
    this.faultKind = fault.kind;
    this.proxy.mark();
    if (fault.kind === 'dependency-outage') {
      this.proxy.blackhole();
      this.timer = setTimeout(
        () => {
          this.proxy.restore();
          this.back('black hole lifted: the database port is reachable again');
        },
        isoSeconds(fault.duration.local) * 1000,
      );
      return;
    }
    this.pg.restart(isoSeconds(fault.localDowntime) * 1000).then(
      () => this.back(`the restarted PostgreSQL accepts connections again (pid ${this.pg.pid ?? 'none'})`),
      (err: Error) => this.options.onEvent({ kind: 'note', detail: `error: the database did not come back after its restart: ${err.message}` }),
    );
  }

  /** True until a fault was injected, then once the dependency is back and the dwell passed. */
  settled(): boolean {
    if (this.faultKind === undefined) return true;
    return this.backAtMs !== undefined && this.options.nowMs() - this.backAtMs >= (this.options.dwellMs ?? DWELL_MS);
  }

  /** What is still pending, for "not recovered within N s"; '' when settled. */
  pending(): string {
    if (this.settled()) return '';
    if (this.backAtMs === undefined) return this.faultKind === 'dependency-outage' ? 'the database port still black-holed' : 'the database still restarting';
    return '';
  }

  figures(): Figures {
    if (this.faultKind === undefined) return {};
    const counts = this.proxy.read();
    return { 'dependency.connects': counts.connects, 'dependency.connections.peak': counts.peak };
  }

  /** Stops the fault, the proxy and the server; removes the data folder. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.timer) clearTimeout(this.timer);
      await this.proxy.close();
      await this.pg.close();
    })();
    return this.closing;
  }

  /** Synchronous last resort (process exit). */
  killNow(): void {
    this.pg.killNow();
  }

  private back(detail: string): void {
    if (this.closing) return;
    this.backAtMs = this.options.nowMs();
    this.options.onEvent({ kind: 'fault-ended', detail });
  }
}
